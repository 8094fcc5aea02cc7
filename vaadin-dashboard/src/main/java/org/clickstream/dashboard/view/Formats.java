package org.clickstream.dashboard.view;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/** How numbers read on the page: thousands separators, dollars from cents, percentages, ages. */
public final class Formats {
    public static final String NOT_AVAILABLE = "–";

    private Formats() {}

    public static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    public static String money(long cents) {
        return NumberFormat.getCurrencyInstance(Locale.US).format(BigDecimal.valueOf(cents, 2));
    }

    /** A share as a percentage with one decimal ("12.3 %"); "–" when undefined (nothing to divide by). */
    public static String percent(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.US, "%.1f %%", share.getAsDouble() * 100) : NOT_AVAILABLE;
    }

    /** A ratio with one decimal ("4.2"); "–" when undefined. */
    public static String decimal(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.US, "%.1f", value.getAsDouble()) : NOT_AVAILABLE;
    }

    /** "4 s", "2 min 5 s", "3 h 12 min", "2 d 4 h". */
    public static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        if (seconds < 86_400) {
            return (seconds / 3_600) + " h " + (seconds % 3_600 / 60) + " min";
        }
        return (seconds / 86_400) + " d " + (seconds % 86_400 / 3_600) + " h";
    }

    public static String millis(long millis) {
        return millis < 1_000 ? millis + " ms" : String.format(Locale.US, "%.1f s", millis / 1000.0);
    }
}
