package org.clickstream.dashboard.feed;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.clickstream.dashboard.data.BrandDetail;
import org.clickstream.dashboard.data.MetricsData;

/**
 * The feed's latest news: the data of the last successful read (kept while reads fail, so the
 * page keeps showing something), the drill-downs of the brands pages have chosen, when that was,
 * why the latest read failed (if it did), and what the previous refresh cost.
 */
public record FeedState(
        MetricsData data,
        Map<String, BrandDetail> brands,
        Optional<Instant> lastSuccess,
        Optional<String> error,
        String sourceName,
        RefreshStats previousRefresh) {

    public FeedState {
        brands = Map.copyOf(brands);
    }

    public static FeedState initial(String sourceName) {
        return new FeedState(
                MetricsData.EMPTY, Map.of(), Optional.empty(), Optional.empty(), sourceName, RefreshStats.NONE);
    }

    /** The drill-down of {@code brand}, once the feed has read it. */
    public Optional<BrandDetail> brand(String brand) {
        return Optional.ofNullable(brands.get(brand));
    }

    FeedState succeeded(MetricsData newData, Map<String, BrandDetail> newBrands, Instant at, RefreshStats previous) {
        return new FeedState(newData, newBrands, Optional.of(at), Optional.empty(), sourceName, previous);
    }

    FeedState failed(String why, RefreshStats previous) {
        return new FeedState(data, brands, lastSuccess, Optional.of(why), sourceName, previous);
    }
}
