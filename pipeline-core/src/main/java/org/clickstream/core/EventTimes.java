package org.clickstream.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** The data set's time format: {@code 2020-09-24 11:57:06 UTC} (the zone suffix optional, always UTC). */
public final class EventTimes {
    private static final String UTC_SUFFIX = " UTC";
    // STRICT with 'uuuu' rejects impossible dates such as 2021-02-30 instead of clamping them.
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private EventTimes() {}

    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String local = text.endsWith(UTC_SUFFIX) ? text.substring(0, text.length() - UTC_SUFFIX.length()) : text;
        if (local.length() != 19) {
            return Optional.empty();
        }
        if (isDigitsInPlace(local)) {
            return ofDigits(local);
        }
        try {
            return Optional.of(LocalDateTime.parse(local, LOCAL).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The pattern's shape with ASCII digits in every digit place. Such a text is what the strict
     * formatter reads as exactly those fields, so {@link #ofDigits} applies its range checks itself;
     * parsing through DateTimeFormatter was a quarter of the cost of reading a large file. Any other
     * text goes to the formatter.
     */
    private static boolean isDigitsInPlace(String local) {
        for (int i = 0; i < 19; i++) {
            char c = local.charAt(i);
            boolean ok =
                    switch (i) {
                        case 4, 7 -> c == '-';
                        case 10 -> c == ' ';
                        case 13, 16 -> c == ':';
                        default -> c >= '0' && c <= '9';
                    };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The time of a text of the right shape, or empty when a field is out of its range (as STRICT resolves). */
    private static Optional<Instant> ofDigits(String local) {
        int year = number(local, 0, 4);
        int month = number(local, 5, 2);
        int day = number(local, 8, 2);
        int hour = number(local, 11, 2);
        int minute = number(local, 14, 2);
        int second = number(local, 17, 2);
        if (month < 1
                || month > 12
                || day < 1
                || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23
                || minute > 59
                || second > 59) {
            return Optional.empty();
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Optional.of(Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second));
    }

    private static int number(String text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** Formats as the data set does, with the {@code UTC} suffix. */
    public static String format(Instant time) {
        return LOCAL.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)) + UTC_SUFFIX;
    }
}
