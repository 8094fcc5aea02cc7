package org.clickstream.dashboard.data;

import java.util.List;
import java.util.Optional;

/**
 * What one refresh reads: the newest minutes of event time (oldest first), every brand's all-time
 * totals, and the processor's health row if it has written one.
 */
public record MetricsData(List<MinuteMetrics> recentMinutes, List<BrandMetrics> brands,
        Optional<PipelineStatus> pipeline) {

    public static final MetricsData EMPTY = new MetricsData(List.of(), List.of(), Optional.empty());

    public MetricsData {
        recentMinutes = List.copyOf(recentMinutes);
        brands = List.copyOf(brands);
    }

    public boolean isEmpty() {
        return recentMinutes.isEmpty() && brands.isEmpty();
    }
}
