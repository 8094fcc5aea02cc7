package org.clickstream.profile;

import java.util.Arrays;
import org.apache.spark.util.AccumulatorV2;

/**
 * The smallest and largest value (as doubles) of each numeric column, gathered while the file is
 * parsed, so that the quartiles' first bucket counts ({@link OrderStatistics}) can be made in the
 * same pass as the rest of the summary. Min and max merge safely, whatever tasks are re-run.
 */
final class NumericRanges extends AccumulatorV2<NumericRanges.Range, NumericRanges.Range> {

    /** Per kind (a column's index): {min, max}, or +∞/−∞ when the column has no value. */
    static final class Range implements java.io.Serializable {
        private final double[] bounds;

        Range(int kinds) {
            bounds = new double[2 * kinds];
            for (int kind = 0; kind < kinds; kind++) {
                bounds[2 * kind] = Double.POSITIVE_INFINITY;
                bounds[2 * kind + 1] = Double.NEGATIVE_INFINITY;
            }
        }

        private Range(double[] bounds) {
            this.bounds = bounds;
        }

        void include(int kind, double value) {
            bounds[2 * kind] = Math.min(bounds[2 * kind], value);
            bounds[2 * kind + 1] = Math.max(bounds[2 * kind + 1], value);
        }

        void include(Range other) {
            for (int kind = 0; kind < bounds.length / 2; kind++) {
                include(kind, other.bounds[2 * kind]);
                include(kind, other.bounds[2 * kind + 1]);
            }
        }

        boolean has(int kind) {
            return bounds[2 * kind] <= bounds[2 * kind + 1];
        }

        double min(int kind) {
            return bounds[2 * kind];
        }

        double max(int kind) {
            return bounds[2 * kind + 1];
        }

        Range copy() {
            return new Range(bounds.clone());
        }
    }

    private final int kinds;
    private Range range;

    NumericRanges(int kinds) {
        this.kinds = kinds;
        this.range = new Range(kinds);
    }

    @Override
    public boolean isZero() {
        return Arrays.equals(range.bounds, new Range(kinds).bounds);
    }

    @Override
    public AccumulatorV2<Range, Range> copy() {
        NumericRanges copy = new NumericRanges(kinds);
        copy.range = range.copy();
        return copy;
    }

    @Override
    public void reset() {
        range = new Range(kinds);
    }

    @Override
    public void add(Range other) {
        range.include(other);
    }

    @Override
    public void merge(AccumulatorV2<Range, Range> other) {
        range.include(other.value());
    }

    @Override
    public Range value() {
        return range;
    }
}
