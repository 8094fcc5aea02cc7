package org.clickstream.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * pandas' (and numpy's) default quantile: for n sorted values x₀ … xₙ₋₁ and q in [0, 1], with
 * h = (n − 1)·q, it is x⌊h⌋ + (h − ⌊h⌋)·(x⌈h⌉ − x⌊h⌋). Computed exactly: the result of decimal
 * inputs and q = 0.25, 0.5, 0.75 is a finite decimal.
 *
 * @param lowerRank 0-based rank of x⌊h⌋
 * @param upperRank 0-based rank of x⌈h⌉
 * @param fraction  h − ⌊h⌋
 */
record LinearQuantile(long lowerRank, long upperRank, BigDecimal fraction) {

    static LinearQuantile of(long count, BigDecimal q) {
        if (count < 1) {
            throw new IllegalArgumentException("no quantile of an empty column");
        }
        BigDecimal h = BigDecimal.valueOf(count - 1).multiply(q);
        BigDecimal lower = h.setScale(0, RoundingMode.FLOOR);
        BigDecimal fraction = h.subtract(lower);
        long lowerRank = lower.longValueExact();
        return new LinearQuantile(lowerRank, fraction.signum() == 0 ? lowerRank : lowerRank + 1, fraction);
    }

    BigDecimal interpolate(BigDecimal lower, BigDecimal upper) {
        return lower.add(upper.subtract(lower).multiply(fraction));
    }
}
