package org.clickstream.core;

import java.time.Instant;
import java.time.LocalDateTime;
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

    private EventTimes() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String local = text.endsWith(UTC_SUFFIX) ? text.substring(0, text.length() - UTC_SUFFIX.length()) : text;
        if (local.length() != 19) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(local, LOCAL).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Formats as the data set does, with the {@code UTC} suffix. */
    public static String format(Instant time) {
        return LOCAL.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC)) + UTC_SUFFIX;
    }
}
