package org.clickstream.dashboard.view;

import java.util.OptionalDouble;
import org.clickstream.dashboard.data.Counters;

/** The KPI cards' numbers over one window (or one row), with the funnel's conversion rates. */
public record Kpis(Counters totals) {

    public OptionalDouble viewToCart() {
        return share(totals.carts(), totals.views());
    }

    public OptionalDouble viewToPurchase() {
        return share(totals.purchases(), totals.views());
    }

    public OptionalDouble cartToPurchase() {
        return share(totals.purchases(), totals.carts());
    }

    /** Mean price of the events, in cents (rounded); 0 without events. */
    public long averagePriceCents() {
        return totals.events() == 0 ? 0 : Math.round((double) totals.priceSumCents() / totals.events());
    }

    static OptionalDouble share(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }
}
