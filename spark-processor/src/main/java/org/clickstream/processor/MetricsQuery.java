package org.clickstream.processor;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.hll_sketch_estimate;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.clickstream.core.EventRules;
import org.clickstream.core.hbase.Dimension;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.Qualifiers;
import org.clickstream.core.hbase.RowKeys;

/**
 * The processor's main streaming computation, independent of where records come from and results go.
 *
 * <p>One pass per micro-batch: records are parsed once ({@link EventRows}), each valid event fans
 * out to a row for each kept table (and, for the hourly product boards, one per product and hour),
 * and ONE stateful aggregation, grouped by (table, key time, value), keeps every table's running
 * totals. Groups with a key time expire with the event-time watermark (events at or before it are
 * late: dropped from those groups and counted); all-time totals have no key time and never expire.
 * In update mode each micro-batch emits the groups it changed with their absolute totals, which
 * {@link #writeUpdates} puts into the store: a replayed batch recomputes the same totals from the
 * checkpointed state and writes the same values.
 */
public final class MetricsQuery {
    /** Name of the per-batch counts in {@code StreamingQueryProgress.observedMetrics}. */
    public static final String OBSERVATION = "records";

    public static final String OBSERVED_EVENTS = "events";
    public static final String OBSERVED_REJECTS = "rejects";
    public static final String OBSERVED_LATE = "late";
    /** Events before {@code --events-from} (a backfill has them): skipped, and counted. */
    public static final String OBSERVED_SKIPPED = "skipped";

    static final String TABLE = "table";
    static final String KEY_TIME = "key_time";
    static final String VALUE = "value";
    static final String LATEST = "latest";
    /** Rows of the products-per-hour groups that feed the hourly product boards (not a table of their own). */
    static final String PRODUCT_HOUR = "ph";

    private static final StructType LATEST_TYPE = new StructType()
            .add(EventRows.EVENT_TIME, DataTypes.TimestampType)
            .add(EventRows.BRAND, DataTypes.StringType)
            .add(EventRows.CATEGORY_CODE, DataTypes.StringType);
    /** The HLL sketches' size: 2^12 buckets, about 1.6 % standard error (Spark's default). */
    private static final int LG_K = 12;

    private MetricsQuery() {}

    /**
     * @param source    records with Spark's Kafka source columns ({@link KafkaRecords#COLUMNS})
     * @param watermark how late an event may arrive, in Spark's interval words, e.g. {@code "600 seconds"}
     * @return the changed aggregates of each micro-batch: table, key time, value, and the counters
     */
    public static Dataset<Row> aggregate(
            Dataset<Row> source,
            PipelineStore store,
            EventRules rules,
            String checkpoint,
            String watermark,
            Outputs outputs,
            java.time.Instant eventsFrom) {
        Dataset<Row> events = source.select(
                        KafkaRecords.COLUMNS[0],
                        java.util.Arrays.copyOfRange(KafkaRecords.COLUMNS, 1, KafkaRecords.COLUMNS.length))
                .mapPartitions(new EventRows(store, rules, checkpoint, eventsFrom), Encoders.row(EventRows.SCHEMA))
                .observe(
                        OBSERVATION,
                        sum(when(col(EventRows.KIND).equalTo(EventRows.EVENT), 1L)
                                        .otherwise(0L))
                                .as(OBSERVED_EVENTS),
                        sum(when(col(EventRows.KIND).equalTo(EventRows.REJECT), 1L)
                                        .otherwise(0L))
                                .as(OBSERVED_REJECTS),
                        sum(when(col(EventRows.KIND).equalTo(EventRows.SKIPPED), 1L)
                                        .otherwise(0L))
                                .as(OBSERVED_SKIPPED),
                        sum(when(col(EventRows.LATE), 1L).otherwise(0L)).as(OBSERVED_LATE))
                .filter(col(EventRows.KIND).equalTo(EventRows.EVENT));
        return aggregateEvents(events, watermark, outputs);
    }

    /**
     * The aggregation itself, from {@link EventRows#SCHEMA} rows of valid events: one stateful
     * aggregation for every table, as a streaming query may have only one ({@link #aggregateBatch}
     * is the backfill's, with the same columns and functions).
     */
    static Dataset<Row> aggregateEvents(Dataset<Row> events, String watermark, Outputs outputs) {
        // The watermark: the newest minute less the delay, taken on the events before they fan out,
        // so that the products-per-hour groups, keyed by the hour's last minute (they live until the
        // watermark passes the hour), do not move it forward. Their key times carry the watermark's
        // column metadata, as Spark's own window() keys do: that is what makes the aggregation drop
        // late rows and expire groups by the key time. One pass from the source: a union of two
        // branches would read and parse the records twice.
        Dataset<Row> watermarked = events.withWatermark(EventRows.MINUTE, watermark);
        Metadata eventTime = watermarked.schema().apply(EventRows.MINUTE).metadata();
        List<Column> tables = new ArrayList<>();
        for (MetricTable table : outputs.metricTables()) {
            tables.add(lit(table.code()));
        }
        if (outputs.productHours()) {
            tables.add(lit(PRODUCT_HOUR));
        }
        Column table = col(TABLE);
        Dataset<Row> rows = watermarked
                // The fan-out in Spark SQL (generated code) rather than as many Java rows per event.
                .withColumn(TABLE, explode(array(tables.toArray(Column[]::new))))
                .select(
                        table,
                        keyTime(table).as(KEY_TIME, eventTime),
                        value(table).as(VALUE),
                        col(EventRows.VIEWS),
                        col(EventRows.CARTS),
                        col(EventRows.REMOVES),
                        col(EventRows.PURCHASES),
                        col(EventRows.PRICE_CENTS),
                        col(EventRows.REVENUE_CENTS),
                        // Users and sessions are only counted per minute; products keep their latest event's details.
                        when(table.equalTo(MetricTable.MINUTE.code()), col(EventRows.USER_ID))
                                .as(EventRows.USER_ID),
                        when(table.equalTo(MetricTable.MINUTE.code()), col(EventRows.SESSION))
                                .as(EventRows.SESSION),
                        when(table.equalTo(MetricTable.PRODUCT.code()), latest())
                                .as(LATEST));
        return withUniqueCounts(aggregate(rows, counters(), uniqueSketches(), List.of(latestDetails())));
    }

    /**
     * The same groups for a batch of a whole file (the backfill), one aggregation per table: only
     * the minute table carries the unique counts' sketches and only products their latest details,
     * so that every other table runs in Spark's hash aggregate instead of the object hash aggregate
     * the sketches need (which sorts above its threshold of groups). The columns and the aggregate
     * functions are the streaming query's ({@link #aggregateEvents}); only the grouping differs.
     */
    static Dataset<Row> aggregateBatch(Dataset<Row> events, Outputs outputs) {
        List<Dataset<Row>> tables = new ArrayList<>();
        List<Column> noUniques = List.of(
                lit(null).cast("long").as(Qualifiers.UNIQUE_USERS),
                lit(null).cast("long").as(Qualifiers.UNIQUE_SESSIONS));
        Column noLatest = lit(null).cast(LATEST_TYPE).as(LATEST);
        for (MetricTable metric : outputs.metricTables()) {
            boolean minute = metric == MetricTable.MINUTE;
            boolean product = metric == MetricTable.PRODUCT;
            List<Column> columns = new ArrayList<>(List.of(
                    lit(metric.code()).as(TABLE),
                    (metric.perMinute() ? col(EventRows.MINUTE) : lit(null).cast("timestamp")).as(KEY_TIME),
                    (metric.dimension() == Dimension.NONE ? lit(null).cast("string") : dimensionOf(metric)).as(VALUE)));
            columns.addAll(counterInputs());
            if (minute) {
                columns.add(col(EventRows.USER_ID));
                columns.add(col(EventRows.SESSION));
            }
            if (product) {
                columns.add(latest().as(LATEST));
            }
            Dataset<Row> rows = events.select(columns.toArray(Column[]::new));
            tables.add(
                    minute
                            ? withUniqueCounts(aggregate(rows, counters(), uniqueSketches(), List.of(noLatest)))
                            : aggregate(rows, counters(), noUniques, List.of(product ? latestDetails() : noLatest)));
        }
        if (outputs.productHours()) {
            List<Column> columns = new ArrayList<>(List.of(
                    lit(PRODUCT_HOUR).as(TABLE),
                    col(EventRows.HOUR_END).as(KEY_TIME),
                    col(EventRows.PRODUCT).as(VALUE)));
            columns.addAll(counterInputs());
            tables.add(
                    aggregate(events.select(columns.toArray(Column[]::new)), counters(), noUniques, List.of(noLatest)));
        }
        return tables.stream().reduce(Dataset::unionByName).orElseThrow();
    }

    private static Dataset<Row> aggregate(
            Dataset<Row> rows, List<Column> first, List<Column> second, List<Column> third) {
        List<Column> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        return rows.groupBy(TABLE, KEY_TIME, VALUE)
                .agg(all.get(0), all.subList(1, all.size()).toArray(Column[]::new));
    }

    /** What every group sums: the event's counts and money. */
    private static List<Column> counterInputs() {
        return List.of(
                col(EventRows.VIEWS),
                col(EventRows.CARTS),
                col(EventRows.REMOVES),
                col(EventRows.PURCHASES),
                col(EventRows.PRICE_CENTS),
                col(EventRows.REVENUE_CENTS));
    }

    /** Every group's counters. */
    private static List<Column> counters() {
        return List.of(
                count(lit(1)).as(Qualifiers.EVENTS),
                sum(EventRows.VIEWS).as(Qualifiers.VIEWS),
                sum(EventRows.CARTS).as(Qualifiers.CARTS),
                sum(EventRows.REMOVES).as(Qualifiers.REMOVES),
                sum(EventRows.PURCHASES).as(Qualifiers.PURCHASES),
                sum(EventRows.REVENUE_CENTS).as(Qualifiers.REVENUE_CENTS),
                sum(EventRows.PRICE_CENTS).as(Qualifiers.PRICE_SUM_CENTS));
    }

    /** Spark's own HLL sketches (Apache DataSketches inside Spark) of the minute's users and sessions. */
    private static List<Column> uniqueSketches() {
        return List.of(
                hll_sketch_agg(col(EventRows.USER_ID), LG_K).as(Qualifiers.UNIQUE_USERS),
                hll_sketch_agg(col(EventRows.SESSION), LG_K).as(Qualifiers.UNIQUE_SESSIONS));
    }

    /** A product's latest details: by event time; at equal times the larger brand, then category code. */
    private static Column latestDetails() {
        return max(col(LATEST)).as(LATEST);
    }

    private static Column latest() {
        return struct(col(EventRows.EVENT_TIME), col(EventRows.BRAND), col(EventRows.CATEGORY_CODE));
    }

    private static Dataset<Row> withUniqueCounts(Dataset<Row> groups) {
        return groups.withColumn(Qualifiers.UNIQUE_USERS, hll_sketch_estimate(col(Qualifiers.UNIQUE_USERS)))
                .withColumn(Qualifiers.UNIQUE_SESSIONS, hll_sketch_estimate(col(Qualifiers.UNIQUE_SESSIONS)));
    }

    /** A group's time: its minute for per-minute tables, its hour's last minute for products per hour, none for all-time totals. */
    private static Column keyTime(Column table) {
        Column perMinute = lit(false);
        for (MetricTable metric : MetricTable.values()) {
            if (metric.perMinute()) {
                perMinute = perMinute.or(table.equalTo(metric.code()));
            }
        }
        return when(perMinute, col(EventRows.MINUTE)).when(table.equalTo(PRODUCT_HOUR), col(EventRows.HOUR_END));
    }

    /** A group's value: the table's dimension of the event (the product for product hours). */
    private static Column value(Column table) {
        Column value = when(table.equalTo(PRODUCT_HOUR), col(EventRows.PRODUCT));
        for (MetricTable metric : MetricTable.values()) {
            if (metric.dimension() != Dimension.NONE) {
                Column when = table.equalTo(metric.code());
                value = value.when(when, dimensionOf(metric));
            }
        }
        return value;
    }

    private static Column dimensionOf(MetricTable metric) {
        return switch (metric.dimension()) {
            case NONE -> throw new IllegalArgumentException(metric + " has no dimension");
            case BRAND -> col(EventRows.BRAND);
            case CATEGORY -> col(EventRows.CATEGORY);
            case CATEGORY_CODE -> col(EventRows.CATEGORY_CODE);
            case PRODUCT -> col(EventRows.PRODUCT);
            case BRAND_PRODUCT ->
                concat_ws(String.valueOf(RowKeys.SEPARATOR), col(EventRows.BRAND), col(EventRows.PRODUCT));
        };
    }

    /**
     * Writes one micro-batch's changed aggregates, from the executors, as absolute values; then merges
     * the changes into the leaderboards, on the driver (so boards never race).
     *
     * @param addBase all-time rows add the backfill's base (family {@code b}) to the stream's totals
     */
    public static void writeUpdates(Dataset<Row> updates, PipelineStore store, Outputs outputs, boolean addBase)
            throws Exception {
        if (!outputs.leaderboards()) {
            updates.foreachPartition((ForeachPartitionFunction<Row>) rows -> {
                try (UpdateWriter writer = new UpdateWriter(store, false, addBase)) {
                    rows.forEachRemaining(writer::write);
                }
            });
            return;
        }
        // The candidates are few (at most Leaderboard.SIZE per board and task): merging them here
        // spares every micro-batch a shuffle stage, and one merger cannot race with another.
        List<Row> candidates = updates.mapPartitions(
                        new UpdateWriter.WithBoards(store, addBase), Encoders.row(Boards.CANDIDATES))
                .collectAsList();
        Boards.merge(store, candidates.iterator());
    }
}
