package org.clickstream.dashboard.data;

import java.util.Map;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.Qualifiers;

/** A row of {@code sessions_by_minute} (CONTRACT.md): the closed sessions that started in one minute. */
public record SessionCounters(
        long sessions, long cartSessions, long purchaseSessions, long events, long durationSeconds, long revenueCents) {

    public static final SessionCounters ZERO = new SessionCounters(0, 0, 0, 0, 0, 0);

    /** From a row's cells as {@link CounterCells#read} returns them (an absent counter is 0). */
    public static SessionCounters of(Map<String, Long> cells) {
        return new SessionCounters(
                CounterCells.get(cells, Qualifiers.SESSIONS),
                CounterCells.get(cells, Qualifiers.CART_SESSIONS),
                CounterCells.get(cells, Qualifiers.PURCHASE_SESSIONS),
                CounterCells.get(cells, Qualifiers.EVENTS),
                CounterCells.get(cells, Qualifiers.DURATION_SECONDS),
                CounterCells.get(cells, Qualifiers.REVENUE_CENTS));
    }

    public SessionCounters plus(SessionCounters other) {
        return new SessionCounters(
                sessions + other.sessions,
                cartSessions + other.cartSessions,
                purchaseSessions + other.purchaseSessions,
                events + other.events,
                durationSeconds + other.durationSeconds,
                revenueCents + other.revenueCents);
    }
}
