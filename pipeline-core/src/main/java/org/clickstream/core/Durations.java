package org.clickstream.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the command lines take them: Spark's interval words ({@code "30 minutes"},
 * {@code "1 hour"}, {@code "500 milliseconds"}), as the processor's --watermark does, or ISO-8601
 * ({@code PT30M}).
 */
public final class Durations {
    private static final Pattern WORDS =
            Pattern.compile("(\\d+)\\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)");

    private Durations() {}

    /** @throws IllegalArgumentException with a message for people when {@code text} is neither form */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher words = WORDS.matcher(trimmed);
        if (words.matches()) {
            long amount = Long.parseLong(words.group(1));
            return switch (words.group(2).charAt(0)) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 's' -> Duration.ofSeconds(amount);
                default ->
                    words.group(2).startsWith("ms") || words.group(2).startsWith("milli")
                            ? Duration.ofMillis(amount)
                            : Duration.ofMinutes(amount);
            };
        }
        try {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration (e.g. '30 minutes', '1 hour', 'PT30M'): " + text);
        }
    }

    /** Spark's interval words for a duration ({@code "1800 seconds"}): what its streaming options take. */
    public static String sparkInterval(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? duration.toSeconds() + " seconds"
                : duration.toMillis() + " milliseconds";
    }
}
