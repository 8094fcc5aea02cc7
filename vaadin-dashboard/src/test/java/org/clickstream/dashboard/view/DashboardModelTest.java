package org.clickstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.clickstream.dashboard.data.BrandMetrics;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.MinuteMetrics;
import org.junit.jupiter.api.Test;

class DashboardModelTest {
    private static final Instant NEWEST = Instant.parse("2020-09-24T12:00:00Z");

    private static MinuteMetrics minute(int minutesBeforeNewest, long views, long carts, long purchases) {
        return new MinuteMetrics(NEWEST.minus(minutesBeforeNewest, ChronoUnit.MINUTES),
                new Counters(views + carts + purchases, views, carts, 0, purchases, purchases * 1_000, 0));
    }

    private static BrandMetrics brand(String name, long events, long revenueCents) {
        return new BrandMetrics(name, new Counters(events, events, 0, 0, 0, revenueCents, events * 500));
    }

    @Test
    void windowsEndAtTheNewestMinuteOfEventTimeNotAtTheClock() {
        MetricsData data = new MetricsData(
                List.of(minute(90, 1_000, 0, 0), minute(30, 100, 10, 1), minute(14, 10, 2, 1), minute(0, 5, 1, 1)),
                List.of(brand("acme", 7, 100)), Optional.empty());

        assertThat(DashboardModel.of(data, TimeWindow.LAST_15_MINUTES).window().totals().views()).isEqualTo(15);
        assertThat(DashboardModel.of(data, TimeWindow.LAST_HOUR).window().totals().views()).isEqualTo(115);
        assertThat(DashboardModel.of(data, TimeWindow.LAST_24_HOURS).window().totals().views()).isEqualTo(1_115);
        DashboardModel all = DashboardModel.of(data, TimeWindow.ALL_TIME);
        assertThat(all.window()).isEqualTo(all.allTime());
        assertThat(all.allTime().totals().events()).isEqualTo(7);
        assertThat(all.newestMinute()).contains(NEWEST);
    }

    @Test
    void theChartHasEveryMinuteOfTheWindowWithGapsAsZeros() {
        MetricsData data = new MetricsData(List.of(minute(40, 1, 0, 0), minute(3, 9, 0, 0), minute(0, 4, 0, 0)),
                List.of(), Optional.empty());

        List<MinuteMetrics> chart = DashboardModel.of(data, TimeWindow.LAST_15_MINUTES).chartMinutes();

        assertThat(chart).hasSize(15);
        assertThat(chart.get(0).minute()).isEqualTo(NEWEST.minus(14, ChronoUnit.MINUTES));
        assertThat(chart).extracting(m -> m.counters().views())
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 9L, 0L, 0L, 4L);
        // A window longer than the data starts at the oldest minute read, not 24 h back.
        assertThat(DashboardModel.of(data, TimeWindow.LAST_24_HOURS).chartMinutes()).hasSize(41);
    }

    @Test
    void conversionRatesAreSharesAndUndefinedWithoutADenominator() {
        Kpis kpis = new Kpis(new Counters(100, 80, 8, 0, 2, 0, 0));

        assertThat(kpis.viewToCart()).hasValue(0.1);
        assertThat(kpis.viewToPurchase()).hasValue(0.025);
        assertThat(kpis.cartToPurchase()).hasValue(0.25);
        assertThat(new Kpis(Counters.ZERO).viewToCart()).isEmpty();
    }

    @Test
    void brandsAreRankedByRevenueThenEventsAndTheTopIsCut() {
        MetricsData data = new MetricsData(List.of(), List.of(brand("b", 5, 300), brand("a", 9, 300), brand("c", 1, 900),
                brand("d", 50, 0)), Optional.empty());

        DashboardModel model = DashboardModel.of(data, TimeWindow.ALL_TIME);

        assertThat(model.brands()).extracting(BrandRow::brand).containsExactly("c", "a", "b", "d");
        assertThat(model.topBrands(2)).extracting(BrandRow::brand).containsExactly("c", "a");
        assertThat(model.topBrands(10)).hasSize(4);
        assertThat(model.brands().get(1).averagePriceCents()).isEqualTo(500);
    }

    @Test
    void nothingReadIsTheEmptyState() {
        DashboardModel model = DashboardModel.of(MetricsData.EMPTY, TimeWindow.LAST_HOUR);

        assertThat(model.isEmpty()).isTrue();
        assertThat(model.chartMinutes()).isEmpty();
        assertThat(model.window().totals()).isEqualTo(Counters.ZERO);
    }
}
