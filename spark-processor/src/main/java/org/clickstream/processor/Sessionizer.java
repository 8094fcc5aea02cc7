package org.clickstream.processor;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;

/**
 * Sessions of one session key, in event time: events less than the gap apart belong to one session
 * (docs/CONTRACT.md). A key's state is its open sessions, each just its first and last event time
 * and running totals: an event merges with every open session it is within a gap of (joining two
 * when it falls between them). A session is closed, and emitted once with its final values, when
 * the watermark has passed its last event plus the gap: no event that is not late can join it then.
 * Events whose minute is at or before the watermark are late and ignored, as the minute tables do.
 */
final class Sessionizer
        implements FlatMapGroupsWithStateFunction<String, Row, Sessionizer.OpenSessions, Sessionizer.ClosedSession> {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE_MS = 60_000L;

    static final int EVENT_TIME = 1;
    static final int MINUTE = 2;
    static final int CART = 3;
    static final int PURCHASE = 4;
    static final int REVENUE_CENTS = 5;

    private final long gapMs;

    Sessionizer(long gapMs) {
        this.gapMs = gapMs;
    }

    @Override
    public Iterator<ClosedSession> call(String key, Iterator<Row> events, GroupState<OpenSessions> state) {
        long watermark = state.getCurrentWatermarkMs();
        List<OpenSession> open = state.exists() ? new ArrayList<>(state.get().getSessions()) : new ArrayList<>();
        while (events.hasNext()) {
            Row event = events.next();
            if (((Timestamp) event.get(MINUTE)).getTime() <= watermark) {
                continue;
            }
            add(
                    open,
                    ((Timestamp) event.get(EVENT_TIME)).getTime(),
                    event.getBoolean(CART),
                    event.getBoolean(PURCHASE),
                    event.getLong(REVENUE_CENTS));
        }
        List<ClosedSession> closed = new ArrayList<>();
        long nextTimeout = Long.MAX_VALUE;
        for (Iterator<OpenSession> it = open.iterator(); it.hasNext(); ) {
            OpenSession session = it.next();
            if (session.getLast() + gapMs < watermark) {
                closed.add(ClosedSession.of(session));
                it.remove();
            } else {
                nextTimeout = Math.min(nextTimeout, session.getLast() + gapMs);
            }
        }
        if (open.isEmpty()) {
            state.remove();
        } else {
            state.update(new OpenSessions(open));
            state.setTimeoutTimestamp(nextTimeout);
        }
        return closed.iterator();
    }

    /**
     * Every session of one key's events, all closed: what a file (the backfill, the profile's
     * equivalent) counts, where the end of the data closes everything.
     */
    static List<ClosedSession> allSessions(Iterator<Row> events, long gapMs) {
        List<OpenSession> open = new ArrayList<>();
        while (events.hasNext()) {
            Row event = events.next();
            add(
                    open,
                    ((Timestamp) event.get(EVENT_TIME)).getTime(),
                    event.getBoolean(CART),
                    event.getBoolean(PURCHASE),
                    event.getLong(REVENUE_CENTS),
                    gapMs);
        }
        return open.stream().map(ClosedSession::of).toList();
    }

    private void add(List<OpenSession> open, long time, boolean cart, boolean purchase, long revenueCents) {
        add(open, time, cart, purchase, revenueCents, gapMs);
    }

    /** Adds one event: it joins (and joins together) every open session it is less than a gap from. */
    private static void add(
            List<OpenSession> open, long time, boolean cart, boolean purchase, long revenueCents, long gapMs) {
        OpenSession merged = new OpenSession(time, time, 1, cart, purchase, revenueCents);
        for (Iterator<OpenSession> it = open.iterator(); it.hasNext(); ) {
            OpenSession session = it.next();
            if (time > session.getStart() - gapMs && time < session.getLast() + gapMs) {
                merged = merged.join(session);
                it.remove();
            }
        }
        open.add(merged);
    }

    /** A key's open sessions (a Java bean: Spark's encoder for the state). */
    public static final class OpenSessions implements Serializable {
        private static final long serialVersionUID = 1L;
        private List<OpenSession> sessions = new ArrayList<>();

        public OpenSessions() {}

        OpenSessions(List<OpenSession> sessions) {
            this.sessions = sessions;
        }

        public List<OpenSession> getSessions() {
            return sessions;
        }

        public void setSessions(List<OpenSession> sessions) {
            this.sessions = sessions;
        }
    }

    /** First and last event time (epoch ms) and running totals of an open session. */
    public static final class OpenSession implements Serializable {
        private static final long serialVersionUID = 1L;
        private long start;
        private long last;
        private long events;
        private boolean cart;
        private boolean purchase;
        private long revenueCents;

        public OpenSession() {}

        OpenSession(long start, long last, long events, boolean cart, boolean purchase, long revenueCents) {
            this.start = start;
            this.last = last;
            this.events = events;
            this.cart = cart;
            this.purchase = purchase;
            this.revenueCents = revenueCents;
        }

        OpenSession join(OpenSession other) {
            return new OpenSession(
                    Math.min(start, other.start),
                    Math.max(last, other.last),
                    events + other.events,
                    cart || other.cart,
                    purchase || other.purchase,
                    Math.addExact(revenueCents, other.revenueCents));
        }

        public long getStart() {
            return start;
        }

        public void setStart(long start) {
            this.start = start;
        }

        public long getLast() {
            return last;
        }

        public void setLast(long last) {
            this.last = last;
        }

        public long getEvents() {
            return events;
        }

        public void setEvents(long events) {
            this.events = events;
        }

        public boolean isCart() {
            return cart;
        }

        public void setCart(boolean cart) {
            this.cart = cart;
        }

        public boolean isPurchase() {
            return purchase;
        }

        public void setPurchase(boolean purchase) {
            this.purchase = purchase;
        }

        public long getRevenueCents() {
            return revenueCents;
        }

        public void setRevenueCents(long revenueCents) {
            this.revenueCents = revenueCents;
        }
    }

    /** A closed session as the per-minute aggregation takes it (a Java bean). */
    public static final class ClosedSession implements Serializable {
        private static final long serialVersionUID = 1L;
        private Timestamp startMinute;
        private long events;
        private long durationSeconds;
        private long cart;
        private long purchase;
        private long revenueCents;

        public ClosedSession() {}

        static ClosedSession of(OpenSession session) {
            ClosedSession closed = new ClosedSession();
            closed.startMinute = new Timestamp(Math.floorDiv(session.getStart(), MINUTE_MS) * MINUTE_MS);
            closed.events = session.getEvents();
            closed.durationSeconds = (session.getLast() - session.getStart()) / 1000;
            closed.cart = session.isCart() ? 1 : 0;
            closed.purchase = session.isPurchase() ? 1 : 0;
            closed.revenueCents = session.getRevenueCents();
            return closed;
        }

        public Timestamp getStartMinute() {
            return startMinute;
        }

        public void setStartMinute(Timestamp startMinute) {
            this.startMinute = startMinute;
        }

        public long getEvents() {
            return events;
        }

        public void setEvents(long events) {
            this.events = events;
        }

        public long getDurationSeconds() {
            return durationSeconds;
        }

        public void setDurationSeconds(long durationSeconds) {
            this.durationSeconds = durationSeconds;
        }

        public long getCart() {
            return cart;
        }

        public void setCart(long cart) {
            this.cart = cart;
        }

        public long getPurchase() {
            return purchase;
        }

        public void setPurchase(long purchase) {
            this.purchase = purchase;
        }

        public long getRevenueCents() {
            return revenueCents;
        }

        public void setRevenueCents(long revenueCents) {
            this.revenueCents = revenueCents;
        }
    }
}
