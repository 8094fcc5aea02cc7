package org.clickstream.profile;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import org.clickstream.core.EventFields;

/** The numeric columns' {@link ExactMoments}, and the price histogram's bin counts; mergeable. */
final class NumericAggregate implements Serializable {
    private static final int PRICE = ValueCounts.kindOf(EventFields.PRICE);

    private final List<BigDecimal> binEdges;
    private final ExactMoments[] moments = new ExactMoments[EventFields.ALL.size()];
    private final long[] priceBins;

    /** @param binEdges lower edges of the price bins, ascending; the last bin is open-ended */
    NumericAggregate(List<BigDecimal> binEdges) {
        this.binEdges = List.copyOf(binEdges);
        this.priceBins = new long[binEdges.size()];
        for (String column : Profiler.NUMERIC_COLUMNS) {
            moments[ValueCounts.kindOf(column)] = new ExactMoments();
        }
    }

    boolean covers(int kind) {
        return kind < moments.length && moments[kind] != null;
    }

    /** Adds {@code value} of the column of {@code kind}, {@code count} times. */
    void add(int kind, BigDecimal value, long count) {
        moments[kind].add(value, count);
        if (kind == PRICE) {
            int bin = binEdges.size() - 1;
            while (bin > 0 && value.compareTo(binEdges.get(bin)) < 0) {
                bin--;
            }
            priceBins[bin] += count;
        }
    }

    NumericAggregate merge(NumericAggregate other) {
        for (int kind = 0; kind < moments.length; kind++) {
            if (moments[kind] != null) {
                moments[kind].merge(other.moments[kind]);
            }
        }
        for (int bin = 0; bin < priceBins.length; bin++) {
            priceBins[bin] += other.priceBins[bin];
        }
        return this;
    }

    ExactMoments moments(String column) {
        return moments[ValueCounts.kindOf(column)];
    }

    long priceBin(int bin) {
        return priceBins[bin];
    }
}
