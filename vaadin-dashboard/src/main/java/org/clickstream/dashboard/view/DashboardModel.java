package org.clickstream.dashboard.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.clickstream.dashboard.data.BrandDetail;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.MinuteMetrics;
import org.clickstream.dashboard.data.NamedCounters;
import org.clickstream.dashboard.data.ProductHour;
import org.clickstream.dashboard.data.SessionCounters;
import org.clickstream.dashboard.data.SessionMinute;

/**
 * What the page shows for one read of the tables and one chosen window: plain numbers, no UI.
 *
 * @param newestMinute  the newest event-time minute present; windows end there
 * @param allTime       all-time totals; empty when they could not be read within the bound
 * @param window        totals over the window's minutes ({@code allTime} for {@link TimeWindow#ALL_TIME})
 * @param chartMinutes  every minute of the chart, oldest first, a missing minute as zeros
 * @param sessions      the sessions that started in the chart's minutes
 * @param brands        the top brands (by events and by revenue), most revenue first
 * @param categories    the same for top-level categories
 * @param categoryCodes the same for full category codes
 */
public record DashboardModel(
        TimeWindow timeWindow,
        Optional<Instant> newestMinute,
        Optional<Kpis> allTime,
        Optional<Kpis> window,
        List<MinuteMetrics> chartMinutes,
        SessionKpis sessions,
        List<NamedCounters> brands,
        List<NamedCounters> categories,
        List<NamedCounters> categoryCodes,
        ProductHour topProducts) {

    static final Comparator<NamedCounters> BY_REVENUE = Comparator.comparingLong(
                    (NamedCounters row) -> row.counters().revenueCents())
            .reversed()
            .thenComparing(Comparator.comparingLong(
                            (NamedCounters row) -> row.counters().events())
                    .reversed())
            .thenComparing(NamedCounters::name);

    public static DashboardModel of(MetricsData data, TimeWindow timeWindow) {
        Optional<Instant> newest = data.newestMinute();
        Optional<Kpis> allTime = data.allTime().map(Kpis::new);
        List<MinuteMetrics> chart = newest.map(
                        last -> chartMinutes(data.recentMinutes(), first(data, last, timeWindow), last))
                .orElse(List.of());
        Optional<Kpis> window = timeWindow == TimeWindow.ALL_TIME
                ? allTime
                : Optional.of(
                        new Kpis(chart.stream().map(MinuteMetrics::counters).reduce(Counters.ZERO, Counters::plus)));
        Instant firstShown = chart.isEmpty() ? Instant.MAX : chart.get(0).minute();
        SessionCounters sessions = data.recentSessions().stream()
                .filter(s -> !s.minute().isBefore(firstShown))
                .map(SessionMinute::sessions)
                .reduce(SessionCounters.ZERO, SessionCounters::plus);
        return new DashboardModel(
                timeWindow,
                newest,
                allTime,
                window,
                chart,
                new SessionKpis(sessions),
                ranked(data.brands()),
                ranked(data.categories()),
                ranked(data.categoryCodes()),
                data.topProducts());
    }

    public boolean isEmpty() {
        return newestMinute.isEmpty()
                && brands.isEmpty()
                && allTime.map(k -> k.totals().equals(Counters.ZERO)).orElse(false);
    }

    public List<NamedCounters> topBrands(int count) {
        return brands.subList(0, Math.min(count, brands.size()));
    }

    public List<NamedCounters> topCategories(int count) {
        return categories.subList(0, Math.min(count, categories.size()));
    }

    /** A brand's minutes over the same minutes as the main chart, a missing minute as zeros. */
    public List<MinuteMetrics> brandMinutes(BrandDetail brand) {
        return chartMinutes.isEmpty()
                ? List.of()
                : chartMinutes(
                        brand.minutes(),
                        chartMinutes.get(0).minute(),
                        chartMinutes.get(chartMinutes.size() - 1).minute());
    }

    private static List<NamedCounters> ranked(List<NamedCounters> rows) {
        return rows.stream().sorted(BY_REVENUE).toList();
    }

    /** The window's first minute, but not before the oldest minute read (a window longer than the data). */
    private static Instant first(MetricsData data, Instant last, TimeWindow window) {
        Instant first = last.minus(window.chartMinutes() - 1L, ChronoUnit.MINUTES);
        Instant oldest = data.recentMinutes().get(0).minute();
        return first.isBefore(oldest) ? oldest : first;
    }

    private static List<MinuteMetrics> chartMinutes(List<MinuteMetrics> minutes, Instant first, Instant last) {
        Map<Instant, Counters> byMinute = minutes.stream()
                .collect(Collectors.toMap(MinuteMetrics::minute, MinuteMetrics::counters, Counters::plus));
        List<MinuteMetrics> chart = new ArrayList<>();
        for (Instant minute = first; !minute.isAfter(last); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            chart.add(new MinuteMetrics(minute, byMinute.getOrDefault(minute, Counters.ZERO)));
        }
        return chart;
    }
}
