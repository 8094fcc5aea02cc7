package org.clickstream.core.generator;

import java.time.Instant;
import java.util.SplittableRandom;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventType;

/**
 * Endless, seeded stream of events with the shape of Kaggle's "eCommerce events history in
 * electronics store": ~89.7 % views, 6.1 % carts, 4.2 % purchases (plus an optional share of
 * {@code remove_from_cart}, which the sibling multi-category data set has), sessions of a few events
 * by the same user, mostly about the same products, and event time that never goes backwards.
 * The same seed and settings always give the same events.
 */
public final class EventGenerator {
    /** The first event of the real data set. */
    public static final Instant DEFAULT_START = Instant.parse("2020-09-24T11:57:06Z");

    private static final int ACTIVE_SESSIONS = 64;
    private static final double MEAN_EVENTS_PER_SESSION = 1.8;
    private static final double EMPTY_SESSION_SHARE = 0.0005;
    private static final double RETURNING_USER_SHARE = 0.17;
    private static final char[] SESSION_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SplittableRandom random;
    private final Catalog catalog;
    private final Session[] sessions = new Session[ACTIVE_SESSIONS];
    private final long[] recentUsers = new long[10_000];
    private int nextRecentUser;
    private final double meanGapMillis;
    private final double cartShare;
    private final double purchaseShare;
    private final double removeShare;
    private long clockMillis;

    private static final class Session {
        long userId;
        String id;
        int product;
        int remaining;
    }

    public EventGenerator(Settings settings) {
        this.random = new SplittableRandom(settings.seed());
        this.catalog = new Catalog(random, settings.products());
        this.meanGapMillis = 60_000.0 / settings.eventsPerMinute();
        this.removeShare = settings.removeShare();
        double rest = 1.0 - removeShare;
        this.cartShare = 0.061 * rest;
        this.purchaseShare = 0.042 * rest;
        this.clockMillis = settings.start().toEpochMilli();
        for (int i = 0; i < ACTIVE_SESSIONS; i++) {
            sessions[i] = newSession(new Session());
        }
    }

    /**
     * @param eventsPerMinute how fast event time advances: the mean number of events per minute
     * @param removeShare share of {@code remove_from_cart} events (0 in the electronics data set)
     */
    public record Settings(long seed, Instant start, double eventsPerMinute, double removeShare, int products) {
        public Settings {
            if (eventsPerMinute <= 0) {
                throw new IllegalArgumentException("eventsPerMinute must be > 0");
            }
            if (removeShare < 0 || removeShare >= 1) {
                throw new IllegalArgumentException("removeShare must be in [0, 1)");
            }
            if (products < 1) {
                throw new IllegalArgumentException("products must be >= 1");
            }
        }

        public static Settings defaults() {
            return new Settings(42L, DEFAULT_START, 100, 0.0, 20_000);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(newSeed, start, eventsPerMinute, removeShare, products);
        }

        public Settings withStart(Instant newStart) {
            return new Settings(seed, newStart, eventsPerMinute, removeShare, products);
        }

        public Settings withEventsPerMinute(double perMinute) {
            return new Settings(seed, start, perMinute, removeShare, products);
        }

        public Settings withRemoveShare(double share) {
            return new Settings(seed, start, eventsPerMinute, share, products);
        }
    }

    public ClickEvent next() {
        // Exponential gaps: a Poisson arrival process. Truncated to whole seconds like the data set.
        clockMillis += (long) (-meanGapMillis * Math.log(1.0 - random.nextDouble()));
        Session session = sessions[random.nextInt(ACTIVE_SESSIONS)];
        if (session.remaining-- <= 0) {
            newSession(session);
        }
        EventType type = sampleType();
        if (type == EventType.VIEW && random.nextDouble() < 0.35) {
            session.product = catalog.samplePopular(random);
        }
        int product = session.product;
        return new ClickEvent(
                Instant.ofEpochSecond(Math.floorDiv(clockMillis, 1000L)),
                type,
                catalog.productId(product),
                catalog.categoryId(product),
                catalog.categoryCode(product),
                catalog.brand(product),
                catalog.price(product),
                session.userId,
                session.id);
    }

    private EventType sampleType() {
        double u = random.nextDouble();
        if (u < purchaseShare) {
            return EventType.PURCHASE;
        }
        if (u < purchaseShare + cartShare) {
            return EventType.CART;
        }
        if (u < purchaseShare + cartShare + removeShare) {
            return EventType.REMOVE_FROM_CART;
        }
        return EventType.VIEW;
    }

    private Session newSession(Session session) {
        // The data set has ~2.2 events per user for ~1.8 per session: some sessions are by returning users.
        if (nextRecentUser > 0 && random.nextDouble() < RETURNING_USER_SHARE) {
            session.userId = recentUsers[random.nextInt(Math.min(nextRecentUser, recentUsers.length))];
        } else {
            session.userId = 1_515_915_625_440_000_000L + random.nextLong(5_000_000_000L);
            recentUsers[nextRecentUser++ % recentUsers.length] = session.userId;
        }
        session.id = random.nextDouble() < EMPTY_SESSION_SHARE ? null : randomSessionId();
        session.product = catalog.samplePopular(random);
        // Geometric number of further events: mean MEAN_EVENTS_PER_SESSION events per session.
        double p = 1.0 / MEAN_EVENTS_PER_SESSION;
        session.remaining = (int) Math.floor(Math.log(1.0 - random.nextDouble()) / Math.log(1.0 - p));
        return session;
    }

    private String randomSessionId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = SESSION_ALPHABET[random.nextInt(SESSION_ALPHABET.length)];
        }
        return new String(id);
    }
}
