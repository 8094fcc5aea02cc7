package org.clickstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MinuteMetrics;
import org.clickstream.dashboard.data.NamedCounters;
import org.clickstream.dashboard.data.SessionCounters;
import org.clickstream.dashboard.view.EChart.ChartSpec;
import org.junit.jupiter.api.Test;

class ChartOptionsTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)> {b} \"quoted\"";

    @Test
    void namesAreChartDataAndNeverFormatterTemplates() {
        ChartSpec spec = ChartOptions.topByRevenue(List.of(
                new NamedCounters(HOSTILE, new Counters(3, 1, 1, 0, 1, 700, 900)),
                new NamedCounters("acme", new Counters(2, 2, 0, 0, 0, 0, 100))));

        assertThat(spec.option().at("/yAxis/data/0").asText()).isEqualTo(HOSTILE);
        assertThat(spec.data().at("/yAxis/data").toString())
                .isEqualTo(spec.option().at("/yAxis/data").toString());
        assertThat(spec.data().at("/series/0/data").toString()).isEqualTo("[3,2]");
        assertThat(spec.data().at("/series/1/data").toString()).isEqualTo("[7.0,0.0]");
        // Tooltips are built by echarts-chart.js, which escapes; no formatter comes from the server.
        assertThat(spec.option().findValues("formatter")).isEmpty();
        assertThat(spec.option().at("/tooltip/valueKinds").toString()).isEqualTo("[\"count\",\"currency\"]");
    }

    @Test
    void eventsPerMinuteHasOneLinePerTypeOverTheMinutes() {
        Instant t = Instant.parse("2020-09-24T11:57:00Z");
        ChartSpec spec = ChartOptions.eventsPerMinute(List.of(
                new MinuteMetrics(t, new Counters(10, 7, 2, 0, 1, 0, 0)),
                new MinuteMetrics(t.plusSeconds(60), new Counters(4, 4, 0, 0, 0, 0, 0))));

        assertThat(spec.data().at("/xAxis/data").toString()).isEqualTo("[\"11:57\",\"11:58\"]");
        List<String> series = spec.data().get("series").findValues("data").stream()
                .map(JsonNode::toString)
                .toList();
        assertThat(series).containsExactly("[7,4]", "[2,0]", "[0,0]", "[1,0]");
        assertThat(spec.option().get("series").findValuesAsText("name"))
                .containsExactly("Views", "Carts", "Removes", "Purchases");
    }

    @Test
    void theFunnelLabelsAreLiteralTextWithRates() {
        ChartSpec spec = ChartOptions.funnel(new Kpis(new Counters(110, 100, 8, 0, 2, 0, 0)));

        assertThat(spec.data().at("/series/0/data").findValuesAsText("formatter"))
                .containsExactly("Views: 100", "Carts: 8 (8.0 % of views)", "Purchases: 2 (25.0 % of carts)");
    }

    @Test
    void theSessionFunnelIsSessionsWithCartWithPurchase() {
        ChartSpec spec = ChartOptions.sessionFunnel(new SessionKpis(new SessionCounters(200, 30, 10, 600, 0, 0)));

        assertThat(spec.data().at("/series/0/data").findValuesAsText("formatter"))
                .containsExactly("Sessions: 200", "With cart: 30 (15.0 %)", "With purchase: 10 (5.0 %)");
        assertThat(spec.data().at("/series/0/data").findValuesAsText("value")).containsExactly("200", "30", "10");
    }
}
