package org.clickstream.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How the human-readable reports (text and HTML) print numbers and data text. */
final class Formats {
    private Formats() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Two decimals and a percent sign; "n/a" where pandas would say NaN. */
    static String percent(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f %%", value);
    }

    /** Dollars to the cent. */
    static String money(BigDecimal value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "$%,.2f", value);
    }

    /** Exact, without trailing zeros; NaN for an undefined statistic, as pandas prints it. */
    static String plain(BigDecimal value) {
        return value == null ? "NaN" : JsonReport.exact(value).toPlainString();
    }

    /** Means and deviations: to two decimals (the exact value is in the JSON). */
    static BigDecimal rounded(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_EVEN);
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
                ? text : text.substring(0, text.offsetByCodePoints(0, length - 1)) + ellipsis;
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
