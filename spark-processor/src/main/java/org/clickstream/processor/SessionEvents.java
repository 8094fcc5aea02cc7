package org.clickstream.processor;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventRules;
import org.clickstream.core.EventType;

/** The sessions query's view of a valid event: its session key, time and what a session sums. */
final class SessionEvents {
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

    private SessionEvents() {
    }

    /** The sessions query's parsing of the records. */
    static ValidEvents function(EventRules rules, String checkpoint, java.time.Instant eventsFrom) {
        return new ValidEvents(rules, checkpoint, eventsFrom, (event, batch) -> row(event));
    }

    static Row row(ClickEvent event) {
        long time = event.eventTime().toEpochMilli();
        return RowFactory.create(event.sessionKey(), new Timestamp(time), new Timestamp(Math.floorDiv(time, 60_000L) * 60_000L),
                event.eventType() == EventType.CART, event.eventType() == EventType.PURCHASE, event.revenueCents());
    }
}
