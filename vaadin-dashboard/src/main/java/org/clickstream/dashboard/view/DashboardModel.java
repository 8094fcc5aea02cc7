package org.clickstream.dashboard.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.clickstream.dashboard.data.BrandMetrics;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.MinuteMetrics;

/**
 * What the page shows for one read of the tables and one chosen window: plain numbers, no UI.
 *
 * @param newestMinute the newest event-time minute present; windows end there
 * @param allTime      totals over every brand row (the brand table holds all-time totals)
 * @param window       totals over the window's minutes ({@code allTime} for {@link TimeWindow#ALL_TIME})
 * @param chartMinutes every minute of the chart, oldest first, a missing minute as zeros
 * @param brands       every brand, most revenue first
 */
public record DashboardModel(TimeWindow timeWindow, Optional<Instant> newestMinute, Kpis allTime, Kpis window,
        List<MinuteMetrics> chartMinutes, List<BrandRow> brands) {

    private static final Comparator<BrandRow> BY_REVENUE = Comparator.comparingLong(BrandRow::revenueCents).reversed()
            .thenComparing(Comparator.comparingLong(BrandRow::events).reversed())
            .thenComparing(BrandRow::brand);

    public static DashboardModel of(MetricsData data, TimeWindow timeWindow) {
        Optional<Instant> newest = data.recentMinutes().stream().map(MinuteMetrics::minute).max(Comparator.naturalOrder());
        Counters allTime = data.brands().stream().map(BrandMetrics::counters).reduce(Counters.ZERO, Counters::plus);
        Counters window = timeWindow == TimeWindow.ALL_TIME ? allTime
                : newest.map(last -> sumFrom(data.recentMinutes(), last.minus(timeWindow.chartMinutes() - 1L, ChronoUnit.MINUTES)))
                        .orElse(Counters.ZERO);
        List<MinuteMetrics> chart = newest.map(last -> chartMinutes(data.recentMinutes(), last, timeWindow.chartMinutes()))
                .orElse(List.of());
        List<BrandRow> brands = data.brands().stream().map(BrandRow::of).sorted(BY_REVENUE).toList();
        return new DashboardModel(timeWindow, newest, new Kpis(allTime), new Kpis(window), chart, brands);
    }

    public boolean isEmpty() {
        return newestMinute.isEmpty() && brands.isEmpty();
    }

    public List<BrandRow> topBrands(int count) {
        return brands.subList(0, Math.min(count, brands.size()));
    }

    private static Counters sumFrom(List<MinuteMetrics> minutes, Instant first) {
        return minutes.stream().filter(m -> !m.minute().isBefore(first)).map(MinuteMetrics::counters)
                .reduce(Counters.ZERO, Counters::plus);
    }

    private static List<MinuteMetrics> chartMinutes(List<MinuteMetrics> minutes, Instant last, int count) {
        Map<Instant, Counters> byMinute = minutes.stream()
                .collect(Collectors.toMap(MinuteMetrics::minute, MinuteMetrics::counters, Counters::plus));
        Instant oldest = minutes.stream().map(MinuteMetrics::minute).min(Comparator.naturalOrder()).orElse(last);
        Instant first = last.minus(count - 1L, ChronoUnit.MINUTES);
        if (first.isBefore(oldest)) {
            first = oldest;
        }
        List<MinuteMetrics> chart = new ArrayList<>();
        for (Instant minute = first; !minute.isAfter(last); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            chart.add(new MinuteMetrics(minute, byMinute.getOrDefault(minute, Counters.ZERO)));
        }
        return chart;
    }

}
