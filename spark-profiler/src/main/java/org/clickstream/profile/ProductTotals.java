package org.clickstream.profile;

import java.io.Serializable;
import java.util.Comparator;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventType;

/**
 * One product's events and revenue, and the brand and category of its latest event (by event time;
 * at the same time, the larger (normalised brand, category) pair, brand first). The raw brand and
 * code are kept and normalised only to break a tie and at the end, so the common case allocates
 * nothing.
 */
final class ProductTotals implements Serializable {
    static final Comparator<ProductTotals> BY_REVENUE = Comparator.comparingLong((ProductTotals p) -> p.revenueCents)
            .reversed()
            .thenComparingLong(p -> p.productId);
    static final Comparator<ProductTotals> BY_VIEWS =
            Comparator.comparingLong((ProductTotals p) -> p.views).reversed().thenComparingLong(p -> p.productId);

    final long productId;
    long events;
    long views;
    long carts;
    long purchases;
    long revenueCents;
    private long latestSecond = Long.MIN_VALUE;
    private String latestRawBrand;
    private String latestRawCategory;

    ProductTotals(long productId) {
        this.productId = productId;
    }

    void add(ClickEvent event, long eventSecond, long priceCents) {
        events++;
        EventType type = event.eventType();
        views += type == EventType.VIEW ? 1 : 0;
        carts += type == EventType.CART ? 1 : 0;
        if (type == EventType.PURCHASE) {
            purchases++;
            revenueCents = Math.addExact(revenueCents, priceCents);
        }
        offerLatest(eventSecond, event.brand(), event.categoryCode());
    }

    ProductTotals merge(ProductTotals other) {
        events += other.events;
        views += other.views;
        carts += other.carts;
        purchases += other.purchases;
        revenueCents = Math.addExact(revenueCents, other.revenueCents);
        offerLatest(other.latestSecond, other.latestRawBrand, other.latestRawCategory);
        return this;
    }

    private void offerLatest(long second, String rawBrand, String rawCategory) {
        if (second > latestSecond || (second == latestSecond && largerPair(rawBrand, rawCategory))) {
            latestSecond = second;
            latestRawBrand = rawBrand;
            latestRawCategory = rawCategory;
        }
    }

    private boolean largerPair(String rawBrand, String rawCategory) {
        int byBrand = ClickEvent.normalizeBrand(rawBrand).compareTo(brand());
        return byBrand > 0 || (byBrand == 0 && Categories.code(rawCategory).compareTo(category()) > 0);
    }

    /** The normalised brand of the latest event ({@code unknown} when it had none). */
    String brand() {
        return ClickEvent.normalizeBrand(latestRawBrand);
    }

    /** The category_code of the latest event, {@code unknown} when empty. */
    String category() {
        return Categories.code(latestRawCategory);
    }
}
