package org.clickstream.core;

import java.util.List;

/** HBase column qualifiers of the metric tables (family {@link TableLayout#METRICS_FAMILY}). */
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

    /** The counters every metric table holds. */
    public static final List<String> COUNTERS =
            List.of(EVENTS, VIEWS, CARTS, REMOVES, PURCHASES, REVENUE_CENTS, PRICE_SUM_CENTS);

    /** The minute table holds the counters plus the distinct counts. */
    public static final List<String> MINUTE_COUNTERS = List.of(
            EVENTS, VIEWS, CARTS, REMOVES, PURCHASES, REVENUE_CENTS, PRICE_SUM_CENTS, UNIQUE_USERS, UNIQUE_SESSIONS);

    private Qualifiers() {
    }
}
