package org.clickstream.processor;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventRules;
import org.clickstream.core.ParseResult;
import org.clickstream.core.RejectReason;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.Qualifiers;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;

/**
 * Loads a whole file into every table at once: the file's lines judged by the rules, the stream's
 * columns and aggregate functions run over them a table at a time ({@link MetricsQuery#aggregateBatch}), every session
 * closed at the end of the data, the leaderboards of the totals; the cells written as HFiles and
 * bulk-loaded ({@link HFileLoad}). All-time rows also get the same totals as their base (family
 * {@code b}), which a stream started with {@code --events-from} adds to.
 */
final class BackfillJob {
    /** What a backfill did. {@code until} is where the stream takes over (an hour boundary). */
    record Result(
            long events, Map<RejectReason, Long> rejects, long skipped, Instant until, long cells, Duration took) {}

    private BackfillJob() {}

    static Result run(SparkSession spark, BackfillSettings settings, Configuration hbase) throws Exception {
        long started = System.nanoTime();
        long timestamp = System.currentTimeMillis();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Map<RejectReason, LongAccumulator> rejects = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejects.put(reason, context.sc().longAccumulator(reason.code()));
        }
        LongAccumulator skipped = context.sc().longAccumulator("skipped");
        JavaRDD<Row> parsed = context.hadoopFile(
                        settings.input(), TextInputFormat.class, LongWritable.class, Text.class)
                .mapPartitions(new Lines(settings.rules(), settings.clock(), settings.until(), rejects, skipped));
        Dataset<Row> events = spark.createDataFrame(parsed, EventRows.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
        long count = events.count();
        Instant until = settings.until() != null ? settings.until() : hourAfterNewest(events);

        Dataset<Row> groups =
                MetricsQuery.aggregateBatch(events, settings.outputs()).persist(StorageLevel.MEMORY_AND_DISK());
        List<Dataset<Row>> rows = new ArrayList<>();
        rows.add(groups.mapPartitions(new GroupRows(settings.layout()), Encoders.row(HFileLoad.ROWS)));
        if (settings.outputs().leaderboards()) {
            rows.add(groups.mapPartitions(new BoardCandidates(), Encoders.row(Boards.CANDIDATES))
                    .repartition(col(Boards.BOARD))
                    .mapPartitions(new BoardRows(settings.layout()), Encoders.row(HFileLoad.ROWS)));
        }
        if (settings.outputs().sessions()) {
            Dataset<Row> sessionEvents = events.select(
                    when(col(EventRows.SESSION).isNotNull(), concat(lit("s:"), col(EventRows.SESSION)))
                            .otherwise(concat(lit("u:"), col(EventRows.USER_ID).cast("string")))
                            .as(SessionEvents.SESSION_KEY),
                    col(EventRows.EVENT_TIME),
                    col(EventRows.MINUTE),
                    col(EventRows.CARTS).equalTo(1L).as("cart"),
                    col(EventRows.PURCHASES).equalTo(1L).as("purchase"),
                    col(EventRows.REVENUE_CENTS));
            rows.add(SessionsQuery.aggregateAll(
                            sessionEvents, settings.sessionGap().toMillis())
                    .mapPartitions(new SessionRows(settings.layout()), Encoders.row(HFileLoad.ROWS)));
        }
        Dataset<Row> all = rows.stream().reduce(Dataset::union).orElseThrow();
        List<TableName> tables = settings.layout().tableNames().stream()
                .filter(t -> !t.equals(settings.layout().rejects())
                        && !t.equals(settings.layout().pipeline()))
                .toList();
        LongAccumulator cells = context.sc().longAccumulator("cells");
        HFileLoad.load(
                all,
                tables,
                hbase,
                settings.staging(),
                timestamp,
                spark.sparkContext().defaultParallelism(),
                cells);
        Map<RejectReason, Long> rejected = new LinkedHashMap<>();
        rejects.forEach((reason, accumulator) -> {
            if (accumulator.value() > 0) {
                rejected.put(reason, accumulator.value());
            }
        });
        return new Result(
                count, rejected, skipped.value(), until, cells.value(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** The stream takes over at the start of the hour after the newest event: no minute and no hour is split. */
    private static Instant hourAfterNewest(Dataset<Row> events) {
        Row newest = events.agg(max(col(EventRows.EVENT_TIME))).first();
        Instant time =
                newest.isNullAt(0) ? Instant.now() : newest.getTimestamp(0).toInstant();
        return time.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }

    /** A file's lines (as {@link EventCsv.LineReader} reads them) into event rows; rejects and late arrivals counted. */
    private static final class Lines implements FlatMapFunction<Iterator<scala.Tuple2<LongWritable, Text>>, Row> {
        private final EventRules rules;
        private final Instant clock;
        private final Instant until;
        private final Map<RejectReason, LongAccumulator> rejects;
        private final LongAccumulator skipped;

        Lines(
                EventRules rules,
                Instant clock,
                Instant until,
                Map<RejectReason, LongAccumulator> rejects,
                LongAccumulator skipped) {
            this.rules = rules;
            this.clock = clock;
            this.until = until;
            this.rejects = rejects;
            this.skipped = skipped;
        }

        @Override
        public Iterator<Row> call(Iterator<scala.Tuple2<LongWritable, Text>> lines) {
            // Lazily, a line at a time: a partition's rows are never all in memory at once.
            return lazily(lines).map(this::eventRow).filter(Objects::nonNull).iterator();
        }

        /** The line's event row; {@code null} for a header, a reject or an event the stream counts. */
        private Row eventRow(scala.Tuple2<LongWritable, Text> line) {
            Text text = line._2();
            ParseResult result = EventCsv.parseFileLine(
                    text.getBytes(), text.getLength(), line._1().get() == 0, rules, clock);
            if (result instanceof ParseResult.Valid valid) {
                ClickEvent event = valid.event();
                if (until == null || event.eventTime().isBefore(until)) {
                    return EventRows.eventRow(event, Long.MIN_VALUE);
                }
                skipped.add(1);
            } else if (result != null) {
                rejects.get(((ParseResult.Rejected) result).reason()).add(1);
            }
            return null;
        }
    }

    /** The metric rows: the counters, for all-time rows also as the base, products' details. */
    private static final class GroupRows implements MapPartitionsFunction<Row, Row> {
        private final TableLayout layout;

        GroupRows(TableLayout layout) {
            this.layout = layout;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> groups) {
            return lazily(groups)
                    .filter(group -> !Aggregate.isProductHour(group))
                    .map(group -> {
                        Aggregate aggregate = Aggregate.of(group);
                        Put put = CounterCells.put(aggregate.rowKey(), aggregate.counters());
                        if (!aggregate.table().perMinute()) {
                            CounterCells.addTo(put, TableLayout.BASE_FAMILY, aggregate.counters());
                        }
                        if (aggregate.details() != null) {
                            aggregate.details().addTo(put);
                        }
                        return HFileLoad.row(layout.table(aggregate.table()), put);
                    })
                    .iterator();
        }
    }

    /** Each task's best candidates per board, as the stream hands them on. */
    private static final class BoardCandidates implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> groups) {
            Boards.Candidates candidates = new Boards.Candidates();
            while (groups.hasNext()) {
                Row group = groups.next();
                if (Aggregate.isProductHour(group)) {
                    candidates.productHour(group);
                } else {
                    candidates.add(Aggregate.of(group));
                }
            }
            return candidates.rows().iterator();
        }
    }

    /** Whole boards (one task has all of a board's candidates) as leaderboard rows. */
    private static final class BoardRows implements MapPartitionsFunction<Row, Row> {
        private final TableLayout layout;

        BoardRows(TableLayout layout) {
            this.layout = layout;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> candidates) {
            List<Row> rows = new ArrayList<>();
            Boards.mergedBoards(candidates, Map.of())
                    .forEach((row, board) -> rows.add(HFileLoad.row(layout.leaderboards(), board.toPut(row))));
            return rows.iterator();
        }
    }

    /** Rows of the sessions table. */
    private static final class SessionRows implements MapPartitionsFunction<Row, Row> {
        private final TableLayout layout;

        SessionRows(TableLayout layout) {
            this.layout = layout;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> minutes) {
            return lazily(minutes)
                    .map(minute -> {
                        Map<String, Long> counters = new LinkedHashMap<>();
                        for (String qualifier : Qualifiers.SESSION_COUNTERS) {
                            counters.put(qualifier, ((Number) minute.getAs(qualifier)).longValue());
                        }
                        java.sql.Timestamp start = minute.getAs(SessionsQuery.START_MINUTE);
                        return HFileLoad.row(
                                layout.sessions(), CounterCells.put(RowKeys.minuteKey(start.toInstant()), counters));
                    })
                    .iterator();
        }
    }

    /** A task's input as a stream that is read as it is consumed. */
    private static <T> Stream<T> lazily(Iterator<T> input) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(input, Spliterator.ORDERED), false);
    }
}
