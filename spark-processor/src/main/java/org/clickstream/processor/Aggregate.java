package org.clickstream.processor;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.ProductDetails;

/**
 * One metric row of the aggregation ({@link MetricsQuery#aggregateEvents}, {@link MetricsQuery#aggregateBatch}), as the stream's writer
 * and the backfill both store it.
 *
 * @param details a product's latest details; {@code null} for other tables
 */
record Aggregate(MetricTable table, String rowKey, String value, Map<String, Long> counters, ProductDetails details) {

    /** Rows of the products-per-hour groups feed the hourly boards only: they are no metric row. */
    static boolean isProductHour(Row row) {
        return MetricsQuery.PRODUCT_HOUR.equals(row.getAs(MetricsQuery.TABLE));
    }

    static Aggregate of(Row row) {
        MetricTable table = MetricTable.ofCode(row.getAs(MetricsQuery.TABLE));
        Timestamp keyTime = row.getAs(MetricsQuery.KEY_TIME);
        String value = row.getAs(MetricsQuery.VALUE);
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String qualifier : table.counters()) {
            counters.put(qualifier, ((Number) row.getAs(qualifier)).longValue());
        }
        ProductDetails details = null;
        if (table == MetricTable.PRODUCT) {
            Row latest = row.getAs(MetricsQuery.LATEST);
            details = new ProductDetails(latest.getString(1), latest.getString(2));
        }
        return new Aggregate(
                table, table.rowKey(keyTime == null ? null : keyTime.toInstant(), value), value, counters, details);
    }

    Aggregate withCounters(Map<String, Long> newCounters) {
        return new Aggregate(table, rowKey, value, newCounters, details);
    }
}
