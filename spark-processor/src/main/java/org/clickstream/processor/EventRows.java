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
import org.clickstream.core.RejectReason;
import org.clickstream.core.hbase.Dimension;
import org.clickstream.core.hbase.RejectRow;

/**
 * Turns Kafka records into typed event rows, parsing each record once with pipeline-core's rules
 * (the same the producer applies). A valid event becomes one {@link #EVENT} row with what every
 * metric needs; a rejected record is written to the store's rejects right here (idempotently, keyed
 * by topic/partition/offset) and leaves one {@link #REJECT} row behind, which is counted and
 * dropped. Nothing one record holds can fail the task: whatever goes wrong turning it into a row
 * makes it an {@code unprocessable} reject.
 */
final class EventRows implements MapPartitionsFunction<Row, Row> {
    static final String EVENT = "event";
    static final String REJECT = "reject";
    /** A valid event before {@code --events-from}: already counted by a backfill. */
    static final String SKIPPED = "skipped";

    static final String KIND = "kind";
    static final String MINUTE = "minute";
    /** The last minute of the event's hour: hourly groups live until the watermark passes it. */
    static final String HOUR_END = "hour_end";

    static final String BRAND = "brand";
    static final String CATEGORY = "category";
    static final String CATEGORY_CODE = "category_code";
    static final String PRODUCT = "product";
    static final String VIEWS = "views";
    static final String CARTS = "carts";
    static final String REMOVES = "removes";
    static final String PURCHASES = "purchases";
    static final String PRICE_CENTS = "price_cents";
    static final String REVENUE_CENTS = "revenue_cents";
    static final String USER_ID = "user_id";
    static final String SESSION = "session";
    static final String EVENT_TIME = "event_time";
    /** At or before the batch's watermark: Spark drops the event from every per-minute row. */
    static final String LATE = "late";

    /** What the function emits; all but {@code kind} are null in reject rows. */
    static final StructType SCHEMA = new StructType()
            .add(KIND, DataTypes.StringType, false)
            .add(MINUTE, DataTypes.TimestampType, true)
            .add(HOUR_END, DataTypes.TimestampType, true)
            .add(BRAND, DataTypes.StringType, true)
            .add(CATEGORY, DataTypes.StringType, true)
            .add(CATEGORY_CODE, DataTypes.StringType, true)
            .add(PRODUCT, DataTypes.StringType, true)
            .add(VIEWS, DataTypes.LongType, true)
            .add(CARTS, DataTypes.LongType, true)
            .add(REMOVES, DataTypes.LongType, true)
            .add(PURCHASES, DataTypes.LongType, true)
            .add(PRICE_CENTS, DataTypes.LongType, true)
            .add(REVENUE_CENTS, DataTypes.LongType, true)
            .add(USER_ID, DataTypes.LongType, true)
            .add(SESSION, DataTypes.StringType, true)
            .add(EVENT_TIME, DataTypes.TimestampType, true)
            .add(LATE, DataTypes.BooleanType, true);

    private static final Row REJECT_ROW = RowFactory.create(
            REJECT, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    private static final Row SKIPPED_ROW = RowFactory.create(
            SKIPPED, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    private static final long MINUTE_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;

    private final PipelineStore store;
    private final EventRules rules;
    private final String checkpoint;
    private final java.time.Instant eventsFrom;

    /** @param eventsFrom events before it are skipped (a backfill counted them); {@code null} for none */
    EventRows(PipelineStore store, EventRules rules, String checkpoint, java.time.Instant eventsFrom) {
        this.store = store;
        this.rules = rules;
        this.checkpoint = checkpoint;
        this.eventsFrom = eventsFrom;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> records) {
        return new Rows(records);
    }

    /** Lazily expands records into rows; opens the store only if a reject shows up, and closes it at the end. */
    private final class Rows implements Iterator<Row> {
        private final Iterator<Row> records;
        private BatchContext batch;
        private PipelineStore.Writer rejects;

        Rows(Iterator<Row> records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            if (records.hasNext()) {
                return true;
            }
            closeRejects();
            return false;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (batch == null) {
                batch = BatchContext.ofCurrentTask(checkpoint);
            }
            return parse(records.next());
        }

        private Row parse(Row record) {
            ParseResult result;
            Row row = null;
            try {
                result = KafkaRecords.parse(record, rules, batch);
                if (result instanceof ParseResult.Valid valid) {
                    row = eventsFrom != null && valid.event().eventTime().isBefore(eventsFrom)
                            ? SKIPPED_ROW
                            : eventRow(valid.event(), batch.watermarkMs());
                }
            } catch (RuntimeException e) {
                result = ParseResult.rejected(RejectReason.UNPROCESSABLE, e.toString());
            }
            if (row != null) {
                return row;
            }
            ParseResult.Rejected rejected = (ParseResult.Rejected) result;
            String source = KafkaRecords.source(record);
            try {
                if (rejects == null) {
                    rejects = store.open();
                }
                rejects.putReject(
                        RejectRow.of(rejected.reason().code(), rejected.detail(), KafkaRecords.value(record), source));
            } catch (Exception e) {
                throw new IllegalStateException("cannot store the reject of " + source, e);
            }
            return REJECT_ROW;
        }

        private void closeRejects() {
            if (rejects != null) {
                try {
                    rejects.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot store rejects", e);
                } finally {
                    rejects = null;
                }
            }
        }
    }

    static Row eventRow(ClickEvent event, long watermarkMs) {
        long time = event.eventTime().toEpochMilli();
        long minuteMs = Math.floorDiv(time, MINUTE_MS) * MINUTE_MS;
        long hourEndMs = Math.floorDiv(time, HOUR_MS) * HOUR_MS + HOUR_MS - MINUTE_MS;
        EventType type = event.eventType();
        return RowFactory.create(
                EVENT,
                new Timestamp(minuteMs),
                new Timestamp(hourEndMs),
                Dimension.BRAND.of(event),
                Dimension.CATEGORY.of(event),
                Dimension.CATEGORY_CODE.of(event),
                Dimension.PRODUCT.of(event),
                type == EventType.VIEW ? 1L : 0L,
                type == EventType.CART ? 1L : 0L,
                type == EventType.REMOVE_FROM_CART ? 1L : 0L,
                type == EventType.PURCHASE ? 1L : 0L,
                event.priceCents(),
                event.revenueCents(),
                event.userId(),
                event.userSession(),
                new Timestamp(time),
                minuteMs <= watermarkMs);
    }
}
