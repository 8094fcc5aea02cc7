package org.clickstream.processor;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.clickstream.core.Qualifiers;

/**
 * The processor's streaming computation, independent of where records come from and results go.
 *
 * <p>One pass per micro-batch: records are parsed once ({@link EventRows}), each valid event
 * fans out to a row for each of the three metric tables, and ONE stateful aggregation, grouped by
 * (table, minute, brand), keeps every table's running totals. Minute groups expire with the event-time
 * watermark (events older than it are dropped and counted as late); brand totals have no minute and
 * never expire. In update mode each micro-batch emits the groups it changed with their absolute
 * totals, which {@link #writeUpdates} puts into the store: a replayed batch recomputes the same
 * totals from the checkpointed state and writes the same values.
 */
public final class MetricsQuery {
    /** Name of the per-batch counts in {@code StreamingQueryProgress.observedMetrics}. */
    public static final String OBSERVATION = "records";
    public static final String OBSERVED_EVENTS = "events";
    public static final String OBSERVED_REJECTS = "rejects";
    private static final String TABLE = "table";
    private static final String SESSION_HASH = "session_hash";

    private MetricsQuery() {
    }

    /**
     * @param source records with Spark's Kafka source columns {@code value}, {@code topic}, {@code partition}, {@code offset}
     * @param watermark how late an event may arrive, e.g. {@code "10 minutes"}
     * @return the changed aggregates of each micro-batch: {@code kind, minute, brand} and the counters
     */
    public static Dataset<Row> aggregate(Dataset<Row> source, PipelineStore store, String watermark) {
        Dataset<Row> rows = source
                .select(EventRows.VALUE, EventRows.TOPIC, EventRows.PARTITION, EventRows.OFFSET)
                .mapPartitions(new EventRows(store), Encoders.row(EventRows.SCHEMA))
                .observe(OBSERVATION,
                        sum(when(col(EventRows.KIND).equalTo(EventRows.EVENT), 1L).otherwise(0L)).as(OBSERVED_EVENTS),
                        sum(when(col(EventRows.KIND).equalTo(EventRows.REJECT), 1L).otherwise(0L)).as(OBSERVED_REJECTS));
        Column table = col(TABLE);
        UserDefinedFunction distinct = udaf(new DistinctCount(), Encoders.LONG());
        return rows
                .filter(col(EventRows.KIND).equalTo(EventRows.EVENT))
                // The fan-out in Spark SQL (generated code) rather than as three Java rows per event.
                .withColumn(TABLE, explode(array(lit(MetricTable.MINUTE.code()), lit(MetricTable.BRAND_MINUTE.code()),
                        lit(MetricTable.BRAND.code()))))
                .select(table.as(EventRows.KIND),
                        // Brand totals have no minute, so they never expire with the watermark.
                        when(table.notEqual(MetricTable.BRAND.code()), col(EventRows.MINUTE)).as(EventRows.MINUTE),
                        when(table.notEqual(MetricTable.MINUTE.code()), col(EventRows.BRAND)).as(EventRows.BRAND),
                        col(EventRows.VIEWS), col(EventRows.CARTS), col(EventRows.REMOVES), col(EventRows.PURCHASES),
                        col(EventRows.PRICE_CENTS), col(EventRows.REVENUE_CENTS),
                        // Users and sessions are only counted per minute.
                        when(table.equalTo(MetricTable.MINUTE.code()), col(EventRows.USER_ID)).as(EventRows.USER_ID),
                        when(table.equalTo(MetricTable.MINUTE.code()).and(col(EventRows.SESSION).isNotNull()),
                                xxhash64(col(EventRows.SESSION))).as(SESSION_HASH))
                .withWatermark(EventRows.MINUTE, watermark)
                .groupBy(EventRows.KIND, EventRows.MINUTE, EventRows.BRAND)
                .agg(count(lit(1)).as(Qualifiers.EVENTS),
                        sum(EventRows.VIEWS).as(Qualifiers.VIEWS),
                        sum(EventRows.CARTS).as(Qualifiers.CARTS),
                        sum(EventRows.REMOVES).as(Qualifiers.REMOVES),
                        sum(EventRows.PURCHASES).as(Qualifiers.PURCHASES),
                        sum(EventRows.REVENUE_CENTS).as(Qualifiers.REVENUE_CENTS),
                        sum(EventRows.PRICE_CENTS).as(Qualifiers.PRICE_SUM_CENTS),
                        // Approximate distinct counts (the contract allows 5 %): only minute groups
                        // fill their sketches, the other rows pass nulls.
                        distinct.apply(col(EventRows.USER_ID)).as(Qualifiers.UNIQUE_USERS),
                        distinct.apply(col(SESSION_HASH)).as(Qualifiers.UNIQUE_SESSIONS));
    }

    /** Writes one micro-batch's changed aggregates, from the executors, as absolute values. */
    public static void writeUpdates(Dataset<Row> updates, PipelineStore store) {
        updates.foreachPartition((ForeachPartitionFunction<Row>) rows -> {
            try (PipelineStore.Writer writer = store.open()) {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    MetricTable table = MetricTable.ofCode(row.getAs(EventRows.KIND));
                    Timestamp minute = row.getAs(EventRows.MINUTE);
                    String key = table.rowKey(minute == null ? null : minute.toInstant(), row.getAs(EventRows.BRAND));
                    writer.putCounters(table, key, counters(row, table));
                }
            }
        });
    }

    private static Map<String, Long> counters(Row row, MetricTable table) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String qualifier : table == MetricTable.MINUTE ? Qualifiers.MINUTE_COUNTERS : Qualifiers.COUNTERS) {
            counters.put(qualifier, ((Number) row.getAs(qualifier)).longValue());
        }
        return counters;
    }
}
