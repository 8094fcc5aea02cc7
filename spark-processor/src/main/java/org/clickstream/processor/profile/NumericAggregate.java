package org.clickstream.processor.profile;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What one pass over the numeric columns' value counts gives: each column's {@link ExactMoments},
 * and the price histogram's bin counts. Tasks build partial ones that {@link #merge}.
 */
final class NumericAggregate implements Serializable {
    private final List<BigDecimal> binEdges;
    private final Map<Integer, ExactMoments> moments = new HashMap<>();
    private final long[] priceBins;

    /** @param binEdges lower edges of the price bins, ascending; the last bin is open-ended */
    NumericAggregate(List<BigDecimal> binEdges) {
        this.binEdges = List.copyOf(binEdges);
        this.priceBins = new long[binEdges.size()];
    }

    /** Adds a value-count row: kind, long value, decimal value, count. */
    NumericAggregate add(Row valueCount) {
        int kind = valueCount.getInt(0);
        BigDecimal value = ValueCounts.numericValue(valueCount);
        long count = valueCount.getLong(3);
        moments.computeIfAbsent(kind, k -> new ExactMoments()).add(value, count);
        if (kind == ValueCounts.kindOf(org.clickstream.core.EventFields.PRICE)) {
            int bin = binEdges.size() - 1;
            while (bin > 0 && value.compareTo(binEdges.get(bin)) < 0) {
                bin--;
            }
            priceBins[bin] += count;
        }
        return this;
    }

    NumericAggregate merge(NumericAggregate other) {
        other.moments.forEach((kind, m) -> moments.merge(kind, m, ExactMoments::merge));
        for (int bin = 0; bin < priceBins.length; bin++) {
            priceBins[bin] += other.priceBins[bin];
        }
        return this;
    }

    /** The column's moments (empty when it has no values). */
    ExactMoments moments(String column) {
        return moments.getOrDefault(ValueCounts.kindOf(column), new ExactMoments());
    }

    long priceBin(int bin) {
        return priceBins[bin];
    }
}
