package org.clickstream.profile;

import static org.clickstream.profile.ValueCounts.BRAND_TOTALS;
import static org.clickstream.profile.ValueCounts.REJECTS;
import static org.clickstream.profile.ValueCounts.kindOf;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.clickstream.core.EventFields;

/**
 * One pass over the value-count table ({@link ValueCounts}): distinct values and values per column,
 * the numeric columns' moments and the price histogram, event types, malformed rows by reason,
 * brand totals, top-level category counts, and the first bucket counts of {@link OrderStatistics}. Tasks build
 * partial summaries that {@link #merge}; all maps are as small as the number of types, reasons,
 * brands and top-level categories.
 */
final class TableSummary implements Serializable {
    private static final int EVENT_TYPE = kindOf(EventFields.EVENT_TYPE);
    private static final int CATEGORY_CODE = kindOf(EventFields.CATEGORY_CODE);

    /** Per kind: how many distinct values, and how many values. */
    private final long[] distinct = new long[REJECTS + 1];
    private final long[] values = new long[REJECTS + 1];
    private final NumericAggregate numeric;
    private final OrderStatistics.BucketCounts buckets;
    private final Map<String, Long> eventTypes = new HashMap<>();
    private final Map<String, Long> rejects = new HashMap<>();
    private final Map<String, Long> topLevelCategories = new HashMap<>();
    private final Map<String, BrandTotals> brands = new HashMap<>();

    /** A brand's events and purchases, and the sums of their prices. */
    static final class BrandTotals implements Serializable {
        long events;
        long purchases;
        BigDecimal totalValue = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;

        BrandTotals merge(BrandTotals other) {
            events += other.events;
            purchases += other.purchases;
            totalValue = totalValue.add(other.totalValue);
            revenue = revenue.add(other.revenue);
            return this;
        }
    }

    /** @param buckets the quartiles' first bucket counts, made in the same pass */
    TableSummary(List<BigDecimal> histogramEdges, OrderStatistics.BucketCounts buckets) {
        this.numeric = new NumericAggregate(histogramEdges);
        this.buckets = buckets;
    }

    /** Adds a row of the value-count table. */
    TableSummary add(Row row) {
        int kind = row.getInt(0);
        long count = row.getLong(4);
        distinct[kind]++;
        values[kind] += count;
        if (numeric.covers(kind)) {
            numeric.add(kind, ValueCounts.numericValue(row), count);
            buckets.add(row);
        } else if (kind == EVENT_TYPE) {
            eventTypes.merge(row.getString(3), count, Long::sum);
        } else if (kind == REJECTS) {
            rejects.merge(row.getString(3), count, Long::sum);
        } else if (kind == CATEGORY_CODE) {
            String code = row.getString(3);
            int dot = code.indexOf('.');
            String topLevel = dot < 0 ? code : code.substring(0, dot);
            if (!topLevel.isEmpty()) {
                topLevelCategories.merge(topLevel, count, Long::sum);
            }
        } else if (kind == BRAND_TOTALS) {
            BrandTotals part = new BrandTotals();
            part.events = count;
            part.totalValue = row.getDecimal(5);
            if (row.getLong(1) == 1) {
                part.purchases = count;
                part.revenue = part.totalValue;
            }
            brands.merge(row.getString(3), part, BrandTotals::merge);
        }
        return this;
    }

    TableSummary merge(TableSummary other) {
        for (int kind = 0; kind < distinct.length; kind++) {
            distinct[kind] += other.distinct[kind];
            values[kind] += other.values[kind];
        }
        numeric.merge(other.numeric);
        buckets.merge(other.buckets);
        other.eventTypes.forEach((type, n) -> eventTypes.merge(type, n, Long::sum));
        other.rejects.forEach((reason, n) -> rejects.merge(reason, n, Long::sum));
        other.topLevelCategories.forEach((category, n) -> topLevelCategories.merge(category, n, Long::sum));
        other.brands.forEach((brand, totals) -> brands.merge(brand, totals, BrandTotals::merge));
        return this;
    }

    long distinct(String column) {
        return distinct[kindOf(column)];
    }

    long values(String column) {
        return values[kindOf(column)];
    }

    NumericAggregate numeric() {
        return numeric;
    }

    OrderStatistics.BucketCounts buckets() {
        return buckets;
    }

    Map<String, Long> eventTypes() {
        return eventTypes;
    }

    Map<String, Long> rejects() {
        return rejects;
    }

    Map<String, Long> topLevelCategories() {
        return topLevelCategories;
    }

    Map<String, BrandTotals> brands() {
        return brands;
    }
}
