package org.clickstream.processor;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.clickstream.core.EventRules;
import org.clickstream.core.hbase.Qualifiers;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;

/**
 * The sessions streaming query: events grouped by session key into sessions ({@link Sessionizer},
 * Spark's flatMapGroupsWithState with event-time timeouts), each closed session emitted once, and
 * the closed sessions summed per minute of session start (a second, never-expiring aggregation:
 * one small row per minute). Update mode emits a minute's new absolute totals whenever more of its
 * sessions close; a replayed batch rewrites the same totals.
 *
 * <p>Spark warns about a stateful operator after flatMapGroupsWithState because rows it emits are
 * older than the watermark and a watermarked aggregation would drop them; this aggregation has no
 * watermark and drops nothing, so the check is switched off for the session (see {@link SparkSessions}).
 */
final class SessionsQuery {
    static final String START_MINUTE = "startMinute";

    private SessionsQuery() {}

    static Dataset<Row> aggregate(
            Dataset<Row> source,
            EventRules rules,
            String checkpoint,
            String watermark,
            long gapMs,
            java.time.Instant eventsFrom) {
        return sumPerMinuteOfStart(source.select(
                        KafkaRecords.COLUMNS[0],
                        java.util.Arrays.copyOfRange(KafkaRecords.COLUMNS, 1, KafkaRecords.COLUMNS.length))
                .mapPartitions(new SessionEvents(rules, checkpoint, eventsFrom), Encoders.row(SessionEvents.SCHEMA))
                .withWatermark(SessionEvents.MINUTE, watermark)
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroupsWithState(
                        new Sessionizer(gapMs),
                        OutputMode.Append(),
                        Encoders.bean(Sessionizer.OpenSessions.class),
                        Encoders.bean(Sessionizer.ClosedSession.class),
                        GroupStateTimeout.EventTimeTimeout()));
    }

    /**
     * The backfill's sessions: of a whole file, every one closed at its end, summed per minute of
     * start as the stream sums them.
     */
    static Dataset<Row> aggregateAll(Dataset<Row> sessionEvents, long gapMs) {
        return sumPerMinuteOfStart(sessionEvents
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapGroups(
                        (FlatMapGroupsFunction<String, Row, Sessionizer.ClosedSession>) (key, events) ->
                                Sessionizer.allSessions(events, gapMs).iterator(),
                        Encoders.bean(Sessionizer.ClosedSession.class)));
    }

    /** Closed sessions summed per minute of start: the sessions table's qualifiers. */
    private static Dataset<Row> sumPerMinuteOfStart(Dataset<Sessionizer.ClosedSession> closed) {
        return closed.groupBy(START_MINUTE)
                .agg(
                        count(lit(1)).as(Qualifiers.SESSIONS),
                        sum("cart").as(Qualifiers.CART_SESSIONS),
                        sum("purchase").as(Qualifiers.PURCHASE_SESSIONS),
                        sum("events").as(Qualifiers.EVENTS),
                        sum("durationSeconds").as(Qualifiers.DURATION_SECONDS),
                        sum("revenueCents").as(Qualifiers.REVENUE_CENTS));
    }

    /** Writes one batch's changed minutes of session start as absolute totals. */
    static void writeUpdates(Dataset<Row> updates, PipelineStore store) {
        updates.foreachPartition((ForeachPartitionFunction<Row>) rows -> {
            try (PipelineStore.Writer writer = store.open()) {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    Map<String, Long> counters = new LinkedHashMap<>();
                    for (String qualifier : Qualifiers.SESSION_COUNTERS) {
                        counters.put(qualifier, ((Number) row.getAs(qualifier)).longValue());
                    }
                    Timestamp minute = row.getAs(START_MINUTE);
                    writer.putCounters(TableLayout.SESSIONS, RowKeys.minuteKey(minute.toInstant()), counters, null);
                }
            }
        });
    }
}
