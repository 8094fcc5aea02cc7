package org.clickstream.profile;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventType;
import org.clickstream.core.RejectReason;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * The file's statistics that are small whatever its size: counts by event type and reject reason,
 * nulls, per raw brand and per raw category code totals, and the distinct event times (a
 * compressed bitmap of epoch seconds). Each task fills one; they {@link #merge}.
 */
final class FileTally implements Serializable {
    /** Per raw category code (null: empty): events, views, carts, purchases, revenue in cents. */
    static final int EVENTS = 0;

    static final int VIEWS = 1;
    static final int CARTS = 2;
    static final int PURCHASES = 3;
    static final int REVENUE_CENTS = 4;
    /** Per raw brand (null: empty): events, purchases, Σ price in cents, revenue in cents. */
    static final int BRAND_EVENTS = 0;

    static final int BRAND_PURCHASES = 1;
    static final int BRAND_PRICE_CENTS = 2;
    static final int BRAND_REVENUE_CENTS = 3;

    long records;
    final long[] eventTypes = new long[EventType.values().length];
    final long[] rejects = new long[RejectReason.values().length];
    long categoryIdNulls;
    long sessionNulls;
    final Map<String, long[]> categories = new HashMap<>();
    final Map<String, long[]> brands = new HashMap<>();
    final Roaring64NavigableMap eventSeconds = new Roaring64NavigableMap();

    void reject(RejectReason reason) {
        rejects[reason.ordinal()]++;
    }

    void add(ClickEvent event, long eventSecond, long priceCents) {
        records++;
        EventType type = event.eventType();
        eventTypes[type.ordinal()]++;
        if (event.categoryId() == null) {
            categoryIdNulls++;
        }
        if (event.userSession() == null) {
            sessionNulls++;
        }
        long revenueCents = type == EventType.PURCHASE ? priceCents : 0;
        long[] category = categories.computeIfAbsent(event.categoryCode(), code -> new long[5]);
        category[EVENTS]++;
        category[VIEWS] += type == EventType.VIEW ? 1 : 0;
        category[CARTS] += type == EventType.CART ? 1 : 0;
        category[PURCHASES] += type == EventType.PURCHASE ? 1 : 0;
        category[REVENUE_CENTS] += revenueCents;
        long[] brand = brands.computeIfAbsent(event.brand(), b -> new long[4]);
        brand[BRAND_EVENTS]++;
        brand[BRAND_PURCHASES] += type == EventType.PURCHASE ? 1 : 0;
        brand[BRAND_PRICE_CENTS] = Math.addExact(brand[BRAND_PRICE_CENTS], priceCents);
        brand[BRAND_REVENUE_CENTS] += revenueCents;
        eventSeconds.addLong(eventSecond);
    }

    FileTally merge(FileTally other) {
        records += other.records;
        for (int i = 0; i < eventTypes.length; i++) {
            eventTypes[i] += other.eventTypes[i];
        }
        for (int i = 0; i < rejects.length; i++) {
            rejects[i] += other.rejects[i];
        }
        categoryIdNulls += other.categoryIdNulls;
        sessionNulls += other.sessionNulls;
        other.categories.forEach((code, totals) -> categories.merge(code, totals, FileTally::addExactly));
        other.brands.forEach((brand, totals) -> brands.merge(brand, totals, FileTally::addExactly));
        eventSeconds.or(other.eventSeconds);
        return this;
    }

    long events(EventType type) {
        return eventTypes[type.ordinal()];
    }

    private static long[] addExactly(long[] into, long[] more) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.addExact(into[i], more[i]);
        }
        return into;
    }
}
