package org.clickstream.core;

import java.util.List;

/** Column names, in the data set's order: the CSV header and the JSON field names. */
public final class EventFields {
    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_TYPE = "event_type";
    public static final String PRODUCT_ID = "product_id";
    public static final String CATEGORY_ID = "category_id";
    public static final String CATEGORY_CODE = "category_code";
    public static final String BRAND = "brand";
    public static final String PRICE = "price";
    public static final String USER_ID = "user_id";
    public static final String USER_SESSION = "user_session";

    /**
     * Extra JSON field the producer adds: when the event was handed to Kafka (epoch millis).
     * Readers ignore it except the end-to-end latency measurement.
     */
    public static final String SENT_AT_MS = "sent_at_ms";

    public static final List<String> ALL = List.of(
            EVENT_TIME, EVENT_TYPE, PRODUCT_ID, CATEGORY_ID, CATEGORY_CODE, BRAND, PRICE, USER_ID, USER_SESSION);

    private EventFields() {}
}
