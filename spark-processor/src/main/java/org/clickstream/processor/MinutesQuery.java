package org.clickstream.processor;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.hll_sketch_estimate;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.clickstream.core.EventRules;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.Qualifiers;

/**
 * The minutes streaming query: the minute table, with its distinct users and sessions (HLL
 * sketches), and every product's latest details (brand and category code of its latest event).
 *
 * <p>Those aggregates keep objects (a sketch, the latest event's strings) where the metrics query's
 * keep longs. One such aggregate in an aggregation makes Spark run all of it as an object hash
 * aggregation, interpreted row by row, and fall back to sorting past a few thousand groups; so they
 * are a query of their own, over one or two rows per event instead of one per table. It reads the
 * topic on its own (rejects are the metrics query's to store) and has its own checkpoint and
 * watermark (the newest minute less the same delay); its rows are written as absolute values, as
 * the metrics query's are.
 */
final class MinutesQuery {
    /** Rows of the product-details groups: a product's latest event (no counters of theirs are written). */
    static final String PRODUCT_DETAILS = "pd";
    static final String LATEST = MetricsQuery.LATEST;
    /** Latest by event time; at equal times the larger brand, then category code. */
    static final DataType LATEST_TYPE = DataTypes.createStructType(List.of(
            DataTypes.createStructField(EventRows.EVENT_TIME, DataTypes.TimestampType, true),
            DataTypes.createStructField(EventRows.BRAND, DataTypes.StringType, true),
            DataTypes.createStructField(EventRows.CATEGORY_CODE, DataTypes.StringType, true)));
    /** The HLL sketches' size: 2^12 buckets, about 1.6 % standard error (Spark's default). */
    private static final int LG_K = 12;

    private MinutesQuery() {
    }

    /** @param source records with Spark's Kafka source columns ({@link KafkaRecords#COLUMNS}) */
    static Dataset<Row> aggregate(Dataset<Row> source, EventRules rules, String checkpoint, String watermark, Outputs outputs,
            Instant eventsFrom) {
        Dataset<Row> events = source
                .select(KafkaRecords.COLUMNS[0], Arrays.copyOfRange(KafkaRecords.COLUMNS, 1, KafkaRecords.COLUMNS.length))
                .mapPartitions(new ValidEvents(rules, checkpoint, eventsFrom,
                        (event, batch) -> EventRows.eventRow(event, batch.watermarkMs())), Encoders.row(EventRows.SCHEMA));
        return aggregateEvents(events, watermark, outputs);
    }

    /**
     * The aggregation, from {@link EventRows#SCHEMA} rows of valid events (the stream's, and the
     * backfill's whole file); its rows have {@link MetricsQuery#aggregateEvents}' columns.
     */
    static Dataset<Row> aggregateEvents(Dataset<Row> events, String watermark, Outputs outputs) {
        List<Column> kinds = new ArrayList<>();
        if (outputs.metrics().contains(MetricTable.MINUTE)) {
            kinds.add(lit(MetricTable.MINUTE.code()));
        }
        if (outputs.metrics().contains(MetricTable.PRODUCT)) {
            kinds.add(lit(PRODUCT_DETAILS));
        }
        Column kind = col(MetricsQuery.TABLE);
        Column minute = kind.equalTo(MetricTable.MINUTE.code());
        Column[] counters = MetricsQuery.counters();
        List<Column> aggregates = new ArrayList<>(Arrays.asList(counters).subList(1, counters.length));
        aggregates.add(hll_sketch_agg(col(EventRows.USER_ID), LG_K).as(Qualifiers.UNIQUE_USERS));
        aggregates.add(hll_sketch_agg(col(EventRows.SESSION), LG_K).as(Qualifiers.UNIQUE_SESSIONS));
        aggregates.add(max(col(LATEST)).as(LATEST));
        return events
                .withColumn(MetricsQuery.TABLE, explode(array(kinds.toArray(Column[]::new))))
                .select(kind,
                        when(minute, col(EventRows.MINUTE)).as(MetricsQuery.KEY_TIME),
                        when(kind.equalTo(PRODUCT_DETAILS), col(EventRows.PRODUCT)).as(MetricsQuery.VALUE),
                        col(EventRows.VIEWS), col(EventRows.CARTS), col(EventRows.REMOVES), col(EventRows.PURCHASES),
                        col(EventRows.PRICE_CENTS), col(EventRows.REVENUE_CENTS),
                        when(minute, col(EventRows.USER_ID)).as(EventRows.USER_ID),
                        when(minute, col(EventRows.SESSION)).as(EventRows.SESSION),
                        when(kind.equalTo(PRODUCT_DETAILS), struct(col(EventRows.EVENT_TIME), col(EventRows.BRAND),
                                col(EventRows.CATEGORY_CODE))).as(LATEST))
                .withWatermark(MetricsQuery.KEY_TIME, watermark)
                .groupBy(MetricsQuery.TABLE, MetricsQuery.KEY_TIME, MetricsQuery.VALUE)
                .agg(counters[0], aggregates.toArray(Column[]::new))
                .withColumn(Qualifiers.UNIQUE_USERS, hll_sketch_estimate(col(Qualifiers.UNIQUE_USERS)))
                .withColumn(Qualifiers.UNIQUE_SESSIONS, hll_sketch_estimate(col(Qualifiers.UNIQUE_SESSIONS)));
    }

    /** Writes one micro-batch's changed minutes and product details, from the executors, as absolute values. */
    static void writeUpdates(Dataset<Row> updates, PipelineStore store) {
        updates.foreachPartition((ForeachPartitionFunction<Row>) rows -> {
            try (UpdateWriter writer = new UpdateWriter(store, false, false)) {
                rows.forEachRemaining(writer::write);
            }
        });
    }
}
