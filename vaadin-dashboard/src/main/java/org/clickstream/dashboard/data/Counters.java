package org.clickstream.dashboard.data;

import java.util.Map;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.Qualifiers;

/** The counters every metric table row holds (CONTRACT.md); money in cents. */
public record Counters(
        long events, long views, long carts, long removes, long purchases, long revenueCents, long priceSumCents) {

    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0);

    /** From a row's cells as {@link CounterCells#read} returns them (an absent counter is 0). */
    public static Counters of(Map<String, Long> cells) {
        return new Counters(
                CounterCells.get(cells, Qualifiers.EVENTS),
                CounterCells.get(cells, Qualifiers.VIEWS),
                CounterCells.get(cells, Qualifiers.CARTS),
                CounterCells.get(cells, Qualifiers.REMOVES),
                CounterCells.get(cells, Qualifiers.PURCHASES),
                CounterCells.get(cells, Qualifiers.REVENUE_CENTS),
                CounterCells.get(cells, Qualifiers.PRICE_SUM_CENTS));
    }

    public Counters plus(Counters other) {
        return new Counters(
                events + other.events,
                views + other.views,
                carts + other.carts,
                removes + other.removes,
                purchases + other.purchases,
                revenueCents + other.revenueCents,
                priceSumCents + other.priceSumCents);
    }
}
