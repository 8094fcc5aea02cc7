package org.clickstream.dashboard.data;

import java.util.Map;
import org.clickstream.core.Qualifiers;

/** The counters every metric table row holds (CONTRACT.md); money in cents. */
public record Counters(long events, long views, long carts, long removes, long purchases,
        long revenueCents, long priceSumCents) {

    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

    /** From qualifier names to values, as {@link Qualifiers} names them; a missing counter is 0. */
    public static Counters of(Map<String, Long> values) {
        return new Counters(
                values.getOrDefault(Qualifiers.EVENTS, 0L),
                values.getOrDefault(Qualifiers.VIEWS, 0L),
                values.getOrDefault(Qualifiers.CARTS, 0L),
                values.getOrDefault(Qualifiers.REMOVES, 0L),
                values.getOrDefault(Qualifiers.PURCHASES, 0L),
                values.getOrDefault(Qualifiers.REVENUE_CENTS, 0L),
                values.getOrDefault(Qualifiers.PRICE_SUM_CENTS, 0L));
    }

    public Counters plus(Counters other) {
        return new Counters(events + other.events, views + other.views, carts + other.carts,
                removes + other.removes, purchases + other.purchases,
                revenueCents + other.revenueCents, priceSumCents + other.priceSumCents);
    }
}
