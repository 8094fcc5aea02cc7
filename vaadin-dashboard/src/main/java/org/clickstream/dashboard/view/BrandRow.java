package org.clickstream.dashboard.view;

import java.util.OptionalDouble;
import org.clickstream.dashboard.data.BrandMetrics;

/** A line of the brand table (like the seed's brand-performance table); brand is untrusted text. */
public record BrandRow(String brand, long events, long views, long carts, long purchases,
        long priceSumCents, long revenueCents) {

    static BrandRow of(BrandMetrics metrics) {
        var c = metrics.counters();
        return new BrandRow(metrics.brand(), c.events(), c.views(), c.carts(), c.purchases(),
                c.priceSumCents(), c.revenueCents());
    }

    /** Mean price of the brand's events, in cents (rounded); 0 without events. */
    public long averagePriceCents() {
        return events == 0 ? 0 : Math.round((double) priceSumCents / events);
    }

    /** Purchases per view. */
    public OptionalDouble conversion() {
        return Kpis.share(purchases, views);
    }
}
