package org.clickstream.profile;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Count, sum, sum of squares, minimum and maximum of a column's values, in exact decimal arithmetic,
 * so that 19-digit ids lose nothing (a double holds 15-17 digits, and their squares overflow
 * Spark's 38-digit decimals). Partial results of tasks {@link #merge} into the column's.
 */
final class ExactMoments implements Serializable {
    /** Digits of the reported mean and standard deviation (IEEE 754 decimal128). */
    static final MathContext PRECISION = MathContext.DECIMAL128;

    private long count;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal sumOfSquares = BigDecimal.ZERO;
    private BigDecimal min;
    private BigDecimal max;

    /** Adds {@code value}, {@code times} times. */
    void add(BigDecimal value, long times) {
        BigDecimal weight = BigDecimal.valueOf(times);
        count += times;
        sum = sum.add(value.multiply(weight));
        sumOfSquares = sumOfSquares.add(value.multiply(value).multiply(weight));
        min = min == null || value.compareTo(min) < 0 ? value : min;
        max = max == null || value.compareTo(max) > 0 ? value : max;
    }

    ExactMoments merge(ExactMoments other) {
        count += other.count;
        sum = sum.add(other.sum);
        sumOfSquares = sumOfSquares.add(other.sumOfSquares);
        min = min == null || (other.min != null && other.min.compareTo(min) < 0) ? other.min : min;
        max = max == null || (other.max != null && other.max.compareTo(max) > 0) ? other.max : max;
        return this;
    }

    long count() {
        return count;
    }

    BigDecimal min() {
        return min;
    }

    BigDecimal max() {
        return max;
    }

    /** The arithmetic mean; null without values. */
    BigDecimal mean() {
        return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), PRECISION);
    }

    /**
     * The sample standard deviation (ddof = 1, as pandas): sqrt((n·Σx² − (Σx)²) / (n·(n − 1))), the
     * numerator exact; null for fewer than two values.
     */
    BigDecimal sampleStd() {
        if (count < 2) {
            return null;
        }
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal numerator = n.multiply(sumOfSquares).subtract(sum.multiply(sum));
        BigDecimal variance = numerator.divide(n.multiply(BigDecimal.valueOf(count - 1)),
                new MathContext(PRECISION.getPrecision() + 4));
        return variance.sqrt(PRECISION);
    }
}
