package org.clickstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.clickstream.dashboard.data.BrandDetail;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.MinuteMetrics;
import org.clickstream.dashboard.data.NamedCounters;
import org.clickstream.dashboard.data.ProductHour;
import org.clickstream.dashboard.data.ReadCost;
import org.clickstream.dashboard.data.SessionCounters;
import org.clickstream.dashboard.data.SessionMinute;
import org.junit.jupiter.api.Test;

class DashboardModelTest {
    private static final Instant NEWEST = Instant.parse("2020-09-24T12:00:00Z");

    private static MinuteMetrics minute(int minutesBeforeNewest, long views, long carts, long purchases) {
        return new MinuteMetrics(
                NEWEST.minus(minutesBeforeNewest, ChronoUnit.MINUTES),
                new Counters(views + carts + purchases, views, carts, 0, purchases, purchases * 1_000, 0));
    }

    private static SessionMinute sessions(int minutesBeforeNewest, long sessions, long withPurchase) {
        return new SessionMinute(
                NEWEST.minus(minutesBeforeNewest, ChronoUnit.MINUTES),
                new SessionCounters(
                        sessions, withPurchase, withPurchase, sessions * 3, sessions * 60, withPurchase * 2_000));
    }

    private static NamedCounters brand(String name, long events, long revenueCents) {
        return new NamedCounters(name, new Counters(events, events, 0, 0, 0, revenueCents, events * 500));
    }

    private static MetricsData data(
            List<MinuteMetrics> minutes,
            List<SessionMinute> sessions,
            Optional<Counters> allTime,
            List<NamedCounters> brands) {
        return new MetricsData(
                minutes,
                sessions,
                allTime,
                brands,
                List.of(),
                List.of(),
                ProductHour.NONE,
                Optional.empty(),
                ReadCost.NONE);
    }

    @Test
    void windowsEndAtTheNewestMinuteOfEventTimeNotAtTheClock() {
        Counters allTime = new Counters(7, 7, 0, 0, 0, 100, 0);
        MetricsData data = data(
                List.of(minute(90, 1_000, 0, 0), minute(30, 100, 10, 1), minute(14, 10, 2, 1), minute(0, 5, 1, 1)),
                List.of(),
                Optional.of(allTime),
                List.of(brand("acme", 7, 100)));

        assertThat(DashboardModel.of(data, TimeWindow.LAST_15_MINUTES)
                        .window()
                        .orElseThrow()
                        .totals()
                        .views())
                .isEqualTo(15);
        assertThat(DashboardModel.of(data, TimeWindow.LAST_HOUR)
                        .window()
                        .orElseThrow()
                        .totals()
                        .views())
                .isEqualTo(115);
        assertThat(DashboardModel.of(data, TimeWindow.LAST_24_HOURS)
                        .window()
                        .orElseThrow()
                        .totals()
                        .views())
                .isEqualTo(1_115);
        DashboardModel all = DashboardModel.of(data, TimeWindow.ALL_TIME);
        assertThat(all.window()).isEqualTo(all.allTime()).contains(new Kpis(allTime));
        assertThat(all.newestMinute()).contains(NEWEST);
    }

    @Test
    void allTimeTotalsThatCouldNotBeReadStayUnknownAndThePageIsNotEmpty() {
        DashboardModel model =
                DashboardModel.of(data(List.of(), List.of(), Optional.empty(), List.of()), TimeWindow.ALL_TIME);

        assertThat(model.allTime()).isEmpty();
        assertThat(model.window()).isEmpty();
        assertThat(model.isEmpty()).isFalse();
    }

    @Test
    void theChartHasEveryMinuteOfTheWindowWithGapsAsZeros() {
        MetricsData data = data(
                List.of(minute(40, 1, 0, 0), minute(3, 9, 0, 0), minute(0, 4, 0, 0)),
                List.of(),
                Optional.of(Counters.ZERO),
                List.of());

        List<MinuteMetrics> chart =
                DashboardModel.of(data, TimeWindow.LAST_15_MINUTES).chartMinutes();

        assertThat(chart).hasSize(15);
        assertThat(chart.get(0).minute()).isEqualTo(NEWEST.minus(14, ChronoUnit.MINUTES));
        assertThat(chart)
                .extracting(m -> m.counters().views())
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 9L, 0L, 0L, 4L);
        // A window longer than the data starts at the oldest minute read, not 24 h back.
        assertThat(DashboardModel.of(data, TimeWindow.LAST_24_HOURS).chartMinutes())
                .hasSize(41);
    }

    @Test
    void sessionsAreThoseThatStartedInTheChartsMinutes() {
        MetricsData data = data(
                List.of(minute(100, 1, 0, 0), minute(0, 1, 0, 0)),
                List.of(sessions(100, 1_000, 0), sessions(20, 40, 4), sessions(10, 10, 1)),
                Optional.of(Counters.ZERO),
                List.of());

        SessionKpis hour = DashboardModel.of(data, TimeWindow.LAST_HOUR).sessions();
        SessionKpis quarter =
                DashboardModel.of(data, TimeWindow.LAST_15_MINUTES).sessions();

        assertThat(hour.totals()).isEqualTo(new SessionCounters(50, 5, 5, 150, 3_000, 10_000));
        assertThat(hour.averageOrderValueCents()).contains(2_000L);
        assertThat(hour.eventsPerSession()).hasValue(3.0);
        assertThat(hour.averageLength()).contains(Duration.ofMinutes(1));
        assertThat(hour.sessionToPurchase()).hasValue(0.1);
        assertThat(quarter.totals().sessions()).isEqualTo(10);
        assertThat(DashboardModel.of(data, TimeWindow.ALL_TIME)
                        .sessions()
                        .totals()
                        .sessions())
                .isEqualTo(1_050);
        SessionKpis none = new SessionKpis(SessionCounters.ZERO);
        assertThat(none.averageOrderValueCents()).isEmpty();
        assertThat(none.eventsPerSession()).isEmpty();
        assertThat(none.averageLength()).isEmpty();
    }

    @Test
    void aBrandsMinutesAreTheChartsMinutesWithGapsAsZeros() {
        MetricsData data =
                data(List.of(minute(5, 1, 0, 0), minute(0, 1, 0, 0)), List.of(), Optional.of(Counters.ZERO), List.of());
        DashboardModel model = DashboardModel.of(data, TimeWindow.LAST_15_MINUTES);
        BrandDetail brand = new BrandDetail(
                "acme",
                Counters.ZERO,
                List.of(minute(30, 50, 0, 0), minute(2, 7, 0, 0)),
                false,
                List.of(),
                ReadCost.NONE);

        assertThat(model.brandMinutes(brand))
                .extracting(m -> m.counters().views())
                .containsExactly(0L, 0L, 0L, 7L, 0L, 0L);
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
    void brandsAreRankedByRevenueThenEventsThenName() {
        MetricsData data = data(
                List.of(),
                List.of(),
                Optional.of(Counters.ZERO),
                List.of(
                        brand("b", 5, 300),
                        brand("a", 9, 300),
                        brand("c", 1, 900),
                        brand("d", 50, 0),
                        brand("e", 50, 0)));

        DashboardModel model = DashboardModel.of(data, TimeWindow.ALL_TIME);

        assertThat(model.brands()).extracting(NamedCounters::name).containsExactly("c", "a", "b", "d", "e");
        assertThat(model.topBrands(2)).extracting(NamedCounters::name).containsExactly("c", "a");
        assertThat(model.topBrands(10)).hasSize(5);
        assertThat(new Kpis(model.brands().get(1).counters()).averagePriceCents())
                .isEqualTo(500);
    }

    @Test
    void nothingReadIsTheEmptyState() {
        DashboardModel model = DashboardModel.of(MetricsData.EMPTY, TimeWindow.LAST_HOUR);

        assertThat(model.isEmpty()).isTrue();
        assertThat(model.chartMinutes()).isEmpty();
        assertThat(model.window().orElseThrow().totals()).isEqualTo(Counters.ZERO);
    }
}
