package org.clickstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.NamedCounters;
import org.clickstream.dashboard.data.ProductHour;
import org.clickstream.dashboard.data.ReadCost;
import org.clickstream.dashboard.feed.FeedState;
import org.clickstream.dashboard.feed.RefreshStats;
import org.clickstream.dashboard.view.Notices.Level;
import org.clickstream.dashboard.view.Notices.Notice;
import org.junit.jupiter.api.Test;

class NoticesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final List<NamedCounters> SOME_BRANDS =
            List.of(new NamedCounters("acme", new Counters(1, 1, 0, 0, 0, 0, 0)));
    private static final String PIPELINE = "shop2:pipeline";

    private static HealthRow batchAt(Instant time) {
        return new HealthRow(41, time.toEpochMilli(), 100, 50, 2_000, 0, 0, 0, 0L, "q", "t");
    }

    private static MetricsData data(Optional<HealthRow> health) {
        return new MetricsData(
                List.of(),
                List.of(),
                Optional.of(new Counters(1, 1, 0, 0, 0, 0, 0)),
                SOME_BRANDS,
                List.of(),
                List.of(),
                ProductHour.NONE,
                health,
                ReadCost.NONE);
    }

    private static FeedState readAt(Instant at, MetricsData data) {
        return new FeedState(
                data, Map.of(), Optional.of(at), Optional.empty(), "HBase (ZooKeeper h:1)", RefreshStats.NONE);
    }

    private static List<Notice> notices(FeedState state) {
        return Notices.of(state, NOW, STALE_AFTER, PIPELINE);
    }

    @Test
    void aFreshProcessorAndAReachableHBaseNeedNoNotice() {
        MetricsData data = data(Optional.of(batchAt(NOW.minusSeconds(5))));

        assertThat(notices(readAt(NOW, data))).isEmpty();
    }

    @Test
    void aSilentProcessorIsAWarning() {
        MetricsData data = data(Optional.of(batchAt(NOW.minusSeconds(125))));

        assertThat(notices(readAt(NOW, data)))
                .containsExactly(
                        new Notice(
                                Level.WARNING,
                                "The processor has not written for 2 min 5 s (last batch #41 at 2026-11-26 09:57:55 UTC). Is scripts/process running?"));
    }

    @Test
    void dataWithoutAHealthRowSaysSo() {
        MetricsData data = data(Optional.empty());

        assertThat(notices(readAt(NOW, data)))
                .containsExactly(new Notice(
                        Level.INFO,
                        "The processor has not reported its health yet (no row 'processor' in shop2:pipeline)."));
        assertThat(notices(readAt(NOW, MetricsData.EMPTY))).isEmpty();
    }

    @Test
    void anUnreachableHBaseIsAnErrorThatKeepsTheLastData() {
        MetricsData data = data(Optional.of(batchAt(NOW.minusSeconds(70))));
        FeedState failing = new FeedState(
                data,
                Map.of(),
                Optional.of(NOW.minusSeconds(61)),
                Optional.of("ConnectException: refused"),
                "HBase (ZooKeeper h:1)",
                RefreshStats.NONE);

        List<Notice> notices = notices(failing);

        assertThat(notices.get(0))
                .isEqualTo(
                        new Notice(
                                Level.ERROR,
                                "Cannot read HBase (ZooKeeper h:1): ConnectException: refused."
                                        + " Showing the data read at 2026-11-26 09:58:59 UTC (1 min 1 s ago). Retrying every second."));
        assertThat(notices).extracting(Notice::level).containsExactly(Level.ERROR, Level.WARNING);
        assertThat(notices(new FeedState(
                        MetricsData.EMPTY,
                        Map.of(),
                        Optional.empty(),
                        Optional.of("ConnectException: refused"),
                        "HBase (ZooKeeper h:1)",
                        RefreshStats.NONE)))
                .containsExactly(new Notice(
                        Level.ERROR,
                        "Cannot read HBase (ZooKeeper h:1): ConnectException: refused. Retrying every second."));
    }
}
