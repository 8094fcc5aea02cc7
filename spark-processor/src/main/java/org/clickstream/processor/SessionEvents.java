package org.clickstream.processor;

import java.sql.Timestamp;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventRules;
import org.clickstream.core.EventType;
import org.clickstream.core.ParseResult;

/**
 * The sessions query's view of the records: the valid events, each as its session key, time and
 * what a session sums. Rejects are the metrics query's to store; here they are only skipped (both
 * queries judge a record alike: see {@link KafkaRecords#parse}).
 */
final class SessionEvents implements MapPartitionsFunction<Row, Row> {
    static final String SESSION_KEY = "session_key";
    static final String EVENT_TIME = "event_time";
    static final String MINUTE = "minute";
    static final StructType SCHEMA = new StructType()
            .add(SESSION_KEY, DataTypes.StringType, false)
            .add(EVENT_TIME, DataTypes.TimestampType, false)
            .add(MINUTE, DataTypes.TimestampType, false)
            .add("cart", DataTypes.BooleanType, false)
            .add("purchase", DataTypes.BooleanType, false)
            .add("revenue_cents", DataTypes.LongType, false);

    private final EventRules rules;
    private final String checkpoint;
    private final java.time.Instant eventsFrom;

    /** @param eventsFrom events before it belong to a backfill and are left out; {@code null} for none */
    SessionEvents(EventRules rules, String checkpoint, java.time.Instant eventsFrom) {
        this.rules = rules;
        this.checkpoint = checkpoint;
        this.eventsFrom = eventsFrom;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> records) {
        return new Iterator<>() {
            private BatchContext batch;
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && records.hasNext()) {
                    if (batch == null) {
                        batch = BatchContext.ofCurrentTask(checkpoint);
                    }
                    next = sessionRow(records.next());
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }

            private Row sessionRow(Row record) {
                try {
                    if (KafkaRecords.parse(record, rules, batch) instanceof ParseResult.Valid valid
                            && (eventsFrom == null || !valid.event().eventTime().isBefore(eventsFrom))) {
                        return row(valid.event());
                    }
                } catch (RuntimeException unprocessable) {
                    // The metrics query stores it as a reject; sessions just do not see it.
                }
                return null;
            }
        };
    }

    static Row row(ClickEvent event) {
        long time = event.eventTime().toEpochMilli();
        return RowFactory.create(
                event.sessionKey(),
                new Timestamp(time),
                new Timestamp(Math.floorDiv(time, 60_000L) * 60_000L),
                event.eventType() == EventType.CART,
                event.eventType() == EventType.PURCHASE,
                event.revenueCents());
    }
}
