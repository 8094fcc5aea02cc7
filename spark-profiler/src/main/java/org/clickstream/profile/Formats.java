package org.clickstream.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import org.clickstream.profile.Report.Cell;
import org.clickstream.profile.Report.Count;
import org.clickstream.profile.Report.Decimal;
import org.clickstream.profile.Report.Id;
import org.clickstream.profile.Report.Percent;
import org.clickstream.profile.Report.Text;

/** How the reports for people (text and HTML) show values. */
final class Formats {
    private Formats() {}

    static String show(Cell cell) {
        if (cell instanceof Text text) {
            return text.value();
        }
        if (cell instanceof Count c) {
            return count(c.value());
        }
        if (cell instanceof Id id) {
            return Long.toString(id.value());
        }
        if (cell instanceof Percent p) {
            return p.value() == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", p.value());
        }
        return decimal((Decimal) cell);
    }

    static boolean isNumber(Cell cell) {
        return !(cell instanceof Text);
    }

    private static String decimal(Decimal d) {
        BigDecimal value = d.value();
        if (value == null) {
            return d.look() == Decimal.Look.PLAIN || d.look() == Decimal.Look.ROUNDED ? "NaN" : "n/a";
        }
        return switch (d.look()) {
            case PLAIN -> plain(value);
            case ROUNDED -> plain(value.setScale(2, RoundingMode.HALF_EVEN));
            case DOLLARS -> String.format(Locale.ROOT, "$%,.2f", value);
            case CENTS -> String.format(Locale.ROOT, "$%,.2f", value.movePointLeft(2));
            case SECONDS -> String.format(Locale.ROOT, "%,.1f s", value);
        };
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Exact, without trailing zeros. */
    static String plain(BigDecimal value) {
        return exact(value).toPlainString();
    }

    /** The value without trailing zeros (1.50000000 → 1.5, 100.00 → 100), exactly. */
    static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static String duration(Duration duration) {
        return duration.toSeconds() % 60 == 0 && duration.toNanos() % 1_000_000_000L == 0
                ? duration.toMinutes() + " minutes"
                : plain(BigDecimal.valueOf(duration.toMillis(), 3)) + " seconds";
    }

    static String humanBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** At most {@code length} characters, the last one {@code ellipsis} when the text was cut. */
    static String shorten(String text, int length, String ellipsis) {
        return text.codePointCount(0, text.length()) <= length
                ? text
                : text.substring(0, text.offsetByCodePoints(0, length - 1)) + ellipsis;
    }

    /**
     * Data text with control characters replaced, so that a hostile brand or category (an ANSI
     * escape sequence, say) cannot drive the terminal the text report is printed on.
     */
    static String printable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
