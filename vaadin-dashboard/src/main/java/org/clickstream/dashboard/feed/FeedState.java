package org.clickstream.dashboard.feed;

import java.time.Instant;
import java.util.Optional;
import org.clickstream.dashboard.data.MetricsData;

/**
 * The feed's latest news: the data of the last successful read (kept while reads fail, so the
 * page keeps showing something), when that was, and why the latest read failed, if it did.
 */
public record FeedState(MetricsData data, Optional<Instant> lastSuccess, Optional<String> error, String sourceName) {

    public static FeedState initial(String sourceName) {
        return new FeedState(MetricsData.EMPTY, Optional.empty(), Optional.empty(), sourceName);
    }

    FeedState succeeded(MetricsData newData, Instant at) {
        return new FeedState(newData, Optional.of(at), Optional.empty(), sourceName);
    }

    FeedState failed(String why) {
        return new FeedState(data, lastSuccess, Optional.of(why), sourceName);
    }
}
