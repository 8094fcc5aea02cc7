package org.clickstream.processor;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.ProductDetails;

/**
 * One metric row of an aggregation ({@link MetricsQuery#aggregateEvents}, {@link MinutesQuery#aggregateEvents}),
 * as the stream's writers and the backfill store it.
 *
 * @param counters the row's counters; none for a product's details
 * @param details  a product's latest details (from the minutes query); {@code null} otherwise
 */
record Aggregate(MetricTable table, String rowKey, String value, Map<String, Long> counters, ProductDetails details) {

    /** Rows of the products-per-hour groups feed the hourly boards only: they are no metric row. */
    static boolean isProductHour(Row row) {
        return MetricsQuery.PRODUCT_HOUR.equals(row.getAs(MetricsQuery.TABLE));
    }

    static Aggregate of(Row row) {
        String code = row.getAs(MetricsQuery.TABLE);
        String value = row.getAs(MetricsQuery.VALUE);
        if (code.equals(MinutesQuery.PRODUCT_DETAILS)) {
            Row latest = row.getAs(MetricsQuery.LATEST);
            return new Aggregate(MetricTable.PRODUCT, MetricTable.PRODUCT.rowKey(null, value), value, Map.of(),
                    new ProductDetails(latest.getString(1), latest.getString(2)));
        }
        MetricTable table = MetricTable.ofCode(code);
        Timestamp keyTime = row.getAs(MetricsQuery.KEY_TIME);
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String qualifier : table.counters()) {
            counters.put(qualifier, ((Number) row.getAs(qualifier)).longValue());
        }
        return new Aggregate(table, table.rowKey(keyTime == null ? null : keyTime.toInstant(), value), value, counters, null);
    }

    /** A product's latest details, without counters (the minutes query's). */
    boolean detailsOnly() {
        return counters.isEmpty();
    }

    Aggregate withCounters(Map<String, Long> newCounters) {
        return new Aggregate(table, rowKey, value, newCounters, details);
    }
}
