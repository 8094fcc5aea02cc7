package org.clickstream.dashboard.data;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.clickstream.core.hbase.HealthRow;

/**
 * What one refresh reads, for every open page at once (see {@link MetricsSource#read}).
 *
 * @param recentMinutes  the newest minutes of {@code metrics_by_minute}, oldest first
 * @param recentSessions the rows of {@code sessions_by_minute} in the same minutes, oldest first
 * @param allTime        all-time totals (the processor's {@code metrics_total} row); empty when unknown
 * @param brands         the brands of the all-time boards (top by events and top by revenue), with their rows
 * @param categories     the same for the top-level categories
 * @param categoryCodes  the same for the full category codes
 * @param topProducts    the top products of the newest event-time hour
 * @param pipeline       the processor's health row, if it has written one
 * @param cost           what the read cost
 */
public record MetricsData(
        List<MinuteMetrics> recentMinutes,
        List<SessionMinute> recentSessions,
        Optional<Counters> allTime,
        List<NamedCounters> brands,
        List<NamedCounters> categories,
        List<NamedCounters> categoryCodes,
        ProductHour topProducts,
        Optional<HealthRow> pipeline,
        ReadCost cost) {

    public static final MetricsData EMPTY = new MetricsData(
            List.of(),
            List.of(),
            Optional.of(Counters.ZERO),
            List.of(),
            List.of(),
            List.of(),
            ProductHour.NONE,
            Optional.empty(),
            ReadCost.NONE);

    public MetricsData {
        recentMinutes = List.copyOf(recentMinutes);
        recentSessions = List.copyOf(recentSessions);
        brands = List.copyOf(brands);
        categories = List.copyOf(categories);
        categoryCodes = List.copyOf(categoryCodes);
    }

    /** The newest event-time minute present: every window ends there. */
    public Optional<Instant> newestMinute() {
        return recentMinutes.isEmpty()
                ? Optional.empty()
                : Optional.of(recentMinutes.get(recentMinutes.size() - 1).minute());
    }

    /** Nothing written yet: no minutes, no brands, all-time totals of zero. */
    public boolean isEmpty() {
        return recentMinutes.isEmpty() && brands.isEmpty() && allTime.equals(Optional.of(Counters.ZERO));
    }
}
