package org.clickstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.clickstream.dashboard.data.BrandMetrics;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.PipelineStatus;
import org.clickstream.dashboard.feed.FeedState;
import org.clickstream.dashboard.view.Notices.Level;
import org.clickstream.dashboard.view.Notices.Notice;
import org.junit.jupiter.api.Test;

class NoticesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final List<BrandMetrics> SOME_BRANDS = List.of(new BrandMetrics("acme", new Counters(1, 1, 0, 0, 0, 0, 0)));

    private static PipelineStatus batchAt(Instant time) {
        return new PipelineStatus(41, time, 100, 50, 2_000, 0, 0, 0, 0);
    }

    private static FeedState readAt(Instant at, MetricsData data) {
        return new FeedState(data, Optional.of(at), Optional.empty(), "HBase (ZooKeeper h:1)");
    }

    @Test
    void aFreshProcessorAndAReachableHBaseNeedNoNotice() {
        MetricsData data = new MetricsData(List.of(), SOME_BRANDS, Optional.of(batchAt(NOW.minusSeconds(5))));

        assertThat(Notices.of(readAt(NOW, data), NOW, STALE_AFTER)).isEmpty();
    }

    @Test
    void aSilentProcessorIsAWarning() {
        MetricsData data = new MetricsData(List.of(), SOME_BRANDS, Optional.of(batchAt(NOW.minusSeconds(125))));

        assertThat(Notices.of(readAt(NOW, data), NOW, STALE_AFTER)).containsExactly(new Notice(Level.WARNING,
                "The processor has not written for 2 min 5 s (last batch #41 at 2026-11-26 09:57:55 UTC). Is scripts/process running?"));
    }

    @Test
    void dataWithoutAHealthRowSaysSo() {
        MetricsData data = new MetricsData(List.of(), SOME_BRANDS, Optional.empty());

        assertThat(Notices.of(readAt(NOW, data), NOW, STALE_AFTER)).extracting(Notice::level).containsExactly(Level.INFO);
        assertThat(Notices.of(readAt(NOW, MetricsData.EMPTY), NOW, STALE_AFTER)).isEmpty();
    }

    @Test
    void anUnreachableHBaseIsAnErrorThatKeepsTheLastData() {
        MetricsData data = new MetricsData(List.of(), SOME_BRANDS, Optional.of(batchAt(NOW.minusSeconds(70))));
        FeedState failing = new FeedState(data, Optional.of(NOW.minusSeconds(61)), Optional.of("ConnectException: refused"),
                "HBase (ZooKeeper h:1)");

        List<Notice> notices = Notices.of(failing, NOW, STALE_AFTER);

        assertThat(notices.get(0)).isEqualTo(new Notice(Level.ERROR, "Cannot read HBase (ZooKeeper h:1): ConnectException: refused."
                + " Showing the data read at 2026-11-26 09:58:59 UTC (1 min 1 s ago). Retrying every second."));
        assertThat(notices).extracting(Notice::level).containsExactly(Level.ERROR, Level.WARNING);
        assertThat(Notices.of(new FeedState(MetricsData.EMPTY, Optional.empty(),
                Optional.of("ConnectException: refused"), "HBase (ZooKeeper h:1)"), NOW, STALE_AFTER))
                .containsExactly(new Notice(Level.ERROR, "Cannot read HBase (ZooKeeper h:1): ConnectException: refused. Retrying every second."));
    }
}
