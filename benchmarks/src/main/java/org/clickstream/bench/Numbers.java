package org.clickstream.bench;

import java.math.BigDecimal;

/** Numbers as options take them and as people read them. */
final class Numbers {
    private Numbers() {}

    /** For a command line: 4, 3.9, 3000000 (no exponent, no trailing zeros). */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** For people: 4, 3.9, 3,000,000. */
    static String compact(double value) {
        return value == Math.rint(value) ? String.format("%,d", (long) value) : plain(value);
    }
}
