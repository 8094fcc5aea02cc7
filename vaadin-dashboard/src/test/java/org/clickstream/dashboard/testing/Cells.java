package org.clickstream.dashboard.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.SessionCounters;

/**
 * The dashboard's decoded rows as the contract's cells (only the non-zero ones, qualifiers spelt
 * out here, not taken from the code under test), to compare with {@code ExpectedMetrics} rows.
 */
public final class Cells {
    private static final List<String> COUNTERS =
            List.of("events", "views", "carts", "removes", "purchases", "revenue_cents", "price_sum_cents");

    private Cells() {}

    public static Map<String, Long> of(Counters c) {
        return nonZero(new Object[] {
            "events",
            c.events(),
            "views",
            c.views(),
            "carts",
            c.carts(),
            "removes",
            c.removes(),
            "purchases",
            c.purchases(),
            "revenue_cents",
            c.revenueCents(),
            "price_sum_cents",
            c.priceSumCents()
        });
    }

    public static Map<String, Long> of(SessionCounters s) {
        return nonZero(new Object[] {
            "sessions",
            s.sessions(),
            "cart_sessions",
            s.cartSessions(),
            "purchase_sessions",
            s.purchaseSessions(),
            "events",
            s.events(),
            "duration_seconds",
            s.durationSeconds(),
            "revenue_cents",
            s.revenueCents()
        });
    }

    /** An expected row without the cells the dashboard does not show (the minute table's unique counts). */
    public static Map<String, Long> counters(Map<String, Long> row) {
        Map<String, Long> counters = new TreeMap<>(row);
        counters.keySet().retainAll(COUNTERS);
        return counters;
    }

    /** The sum of rows, cell by cell. */
    public static Map<String, Long> sum(Iterable<Map<String, Long>> rows) {
        Map<String, Long> totals = new TreeMap<>();
        rows.forEach(row -> row.forEach((qualifier, value) -> totals.merge(qualifier, value, Long::sum)));
        return totals;
    }

    private static Map<String, Long> nonZero(Object[] pairs) {
        Map<String, Long> cells = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            long value = (Long) pairs[i + 1];
            if (value != 0) {
                cells.put((String) pairs[i], value);
            }
        }
        return cells;
    }
}
