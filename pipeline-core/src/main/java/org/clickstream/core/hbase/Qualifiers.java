package org.clickstream.core.hbase;

import java.util.List;

/** HBase column qualifiers of the metric tables (family {@link TableLayout#METRICS_FAMILY} unless stated). */
public final class Qualifiers {
    public static final String EVENTS = "events";
    public static final String VIEWS = "views";
    public static final String CARTS = "carts";
    public static final String REMOVES = "removes";
    public static final String PURCHASES = "purchases";
    /** Sum of purchase prices, in cents. */
    public static final String REVENUE_CENTS = "revenue_cents";
    /** Sum of the prices of all events, in cents. */
    public static final String PRICE_SUM_CENTS = "price_sum_cents";
    /** Minute table only. */
    public static final String UNIQUE_USERS = "unique_users";
    /** Minute table only. */
    public static final String UNIQUE_SESSIONS = "unique_sessions";

    /** Product table, family {@link TableLayout#DETAILS_FAMILY}: the brand of the product's latest event. */
    public static final String BRAND = "brand";
    /** Product table, family {@link TableLayout#DETAILS_FAMILY}: the category code of the product's latest event. */
    public static final String CATEGORY_CODE = "category_code";

    /** Sessions table: sessions that started in the minute (and have closed). */
    public static final String SESSIONS = "sessions";
    /** Sessions table: of those, the ones with at least one cart event. */
    public static final String CART_SESSIONS = "cart_sessions";
    /** Sessions table: of those, the ones with at least one purchase. */
    public static final String PURCHASE_SESSIONS = "purchase_sessions";
    /** Sessions table: sum over the sessions of last minus first event time, in seconds. */
    public static final String DURATION_SECONDS = "duration_seconds";

    /** The counters every metric table holds. */
    public static final List<String> COUNTERS =
            List.of(EVENTS, VIEWS, CARTS, REMOVES, PURCHASES, REVENUE_CENTS, PRICE_SUM_CENTS);

    /** The minute table holds the counters plus the distinct counts. */
    public static final List<String> MINUTE_COUNTERS = List.of(
            EVENTS, VIEWS, CARTS, REMOVES, PURCHASES, REVENUE_CENTS, PRICE_SUM_CENTS, UNIQUE_USERS, UNIQUE_SESSIONS);

    /** What the sessions table holds per minute of session start. */
    public static final List<String> SESSION_COUNTERS =
            List.of(SESSIONS, CART_SESSIONS, PURCHASE_SESSIONS, EVENTS, DURATION_SECONDS, REVENUE_CENTS);

    private Qualifiers() {}
}
