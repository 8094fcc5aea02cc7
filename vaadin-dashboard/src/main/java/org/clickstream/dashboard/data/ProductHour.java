package org.clickstream.dashboard.data;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The top products of the newest event-time hour that has an hourly board: by revenue and by views,
 * best first, at most {@link MetricsSource#TOP_PRODUCTS} of each.
 */
public record ProductHour(Optional<Instant> hour, List<RankedProduct> byRevenue, List<RankedProduct> byViews) {
    public static final ProductHour NONE = new ProductHour(Optional.empty(), List.of(), List.of());

    public ProductHour {
        byRevenue = List.copyOf(byRevenue);
        byViews = List.copyOf(byViews);
    }
}
