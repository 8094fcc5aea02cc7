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
import org.clickstream.core.EventJson;
import org.clickstream.core.EventType;
import org.clickstream.core.ParseResult;
import org.clickstream.core.RejectReason;

/**
 * Turns Kafka records into typed event rows, parsing each record once with pipeline-core's rules
 * (the same the producer applies). A valid event becomes one {@link #EVENT} row with what the
 * metrics need; a rejected record is written to the store's rejects right here (idempotently, keyed
 * by topic/partition/offset) and leaves one {@link #REJECT} row behind, which is counted and dropped.
 */
final class EventRows implements MapPartitionsFunction<Row, Row> {
    static final String EVENT = "event";
    static final String REJECT = "reject";

    static final String KIND = "kind";
    static final String MINUTE = "minute";
    static final String BRAND = "brand";
    static final String VIEWS = "views";
    static final String CARTS = "carts";
    static final String REMOVES = "removes";
    static final String PURCHASES = "purchases";
    static final String PRICE_CENTS = "price_cents";
    static final String REVENUE_CENTS = "revenue_cents";
    static final String USER_ID = "user_id";
    static final String SESSION = "session";

    /** What the function emits; all but {@code kind} are null in reject rows. */
    static final StructType SCHEMA = new StructType()
            .add(KIND, DataTypes.StringType, false)
            .add(MINUTE, DataTypes.TimestampType, true)
            .add(BRAND, DataTypes.StringType, true)
            .add(VIEWS, DataTypes.LongType, true)
            .add(CARTS, DataTypes.LongType, true)
            .add(REMOVES, DataTypes.LongType, true)
            .add(PURCHASES, DataTypes.LongType, true)
            .add(PRICE_CENTS, DataTypes.LongType, true)
            .add(REVENUE_CENTS, DataTypes.LongType, true)
            .add(USER_ID, DataTypes.LongType, true)
            .add(SESSION, DataTypes.StringType, true);

    /** Columns the source must have: those of Spark's Kafka source. */
    static final String VALUE = "value";
    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";

    private static final Row REJECT_ROW = RowFactory.create(REJECT, null, null, null, null, null, null, null, null, null, null);

    private final PipelineStore store;

    EventRows(PipelineStore store) {
        this.store = store;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> records) {
        return new Rows(records);
    }

    /** Lazily expands records into rows; opens the store only if a reject shows up, and closes it at the end. */
    private final class Rows implements Iterator<Row> {
        private final Iterator<Row> records;
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
            return parse(records.next());
        }

        private Row parse(Row record) {
            byte[] value = record.getAs(VALUE);
            ParseResult result = value == null
                    ? ParseResult.rejected(RejectReason.MALFORMED_JSON, "record has no value")
                    : EventJson.decode(value);
            if (result instanceof ParseResult.Valid valid) {
                return eventRow(valid.event());
            } else {
                ParseResult.Rejected rejected = (ParseResult.Rejected) result;
                String source = record.getAs(TOPIC) + "/" + record.getAs(PARTITION) + "/" + record.getAs(OFFSET);
                try {
                    if (rejects == null) {
                        rejects = store.open();
                    }
                    rejects.putReject(new PipelineStore.Reject(rejected.reason().code(), rejected.detail(),
                            value == null ? new byte[0] : value, source));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot store the reject of " + source, e);
                }
                return REJECT_ROW;
            }
        }

        private Row eventRow(ClickEvent event) {
            Timestamp minute = new Timestamp(Math.floorDiv(event.eventTime().toEpochMilli(), 60_000L) * 60_000L);
            String brand = event.normalizedBrand();
            EventType type = event.eventType();
            long views = type == EventType.VIEW ? 1 : 0;
            long carts = type == EventType.CART ? 1 : 0;
            long removes = type == EventType.REMOVE_FROM_CART ? 1 : 0;
            long purchases = type == EventType.PURCHASE ? 1 : 0;
            return RowFactory.create(EVENT, minute, brand, views, carts, removes, purchases,
                    event.priceCents(), event.revenueCents(), event.userId(), event.userSession());
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
}
