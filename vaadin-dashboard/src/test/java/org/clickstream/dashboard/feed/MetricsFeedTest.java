package org.clickstream.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.clickstream.dashboard.data.BrandMetrics;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.MetricsSource;
import org.junit.jupiter.api.Test;

class MetricsFeedTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final MetricsData SOME_DATA = new MetricsData(List.of(),
            List.of(new BrandMetrics("acme", new Counters(1, 1, 0, 0, 0, 0, 0))), Optional.empty());

    /** A source that answers from a script: data, or a failure. */
    private static final class ScriptedSource implements MetricsSource {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<Integer> requestedMinutes = new ArrayList<>();

        @Override
        public MetricsData read(int minutes) throws IOException {
            requestedMinutes.add(minutes);
            Object answer = answers.removeFirst();
            if (answer instanceof IOException e) {
                throw e;
            }
            return (MetricsData) answer;
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {
        }
    }

    /** A UI that runs access() at once, as if the session lock were free. */
    private static final class ImmediateUI extends UI {
        @Override
        public Future<Void> access(Command command) {
            command.execute();
            return CompletableFuture.completedFuture(null);
        }
    }

    private final ScriptedSource source = new ScriptedSource();
    private final MetricsFeed feed = new MetricsFeed(source, 1440, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everySubscriberGetsEachReadAndNothingAfterUnsubscribing() {
        List<FeedState> first = new ArrayList<>();
        List<FeedState> second = new ArrayList<>();
        Registration one = feed.subscribe(new ImmediateUI(), first::add);
        feed.subscribe(new ImmediateUI(), second::add);
        source.answers.add(SOME_DATA);
        source.answers.add(MetricsData.EMPTY);

        feed.refresh();
        one.remove();
        feed.refresh();

        assertThat(source.requestedMinutes).containsExactly(1440, 1440);
        assertThat(first).hasSize(2).last().extracting(FeedState::data).isEqualTo(SOME_DATA);
        assertThat(second).hasSize(3).last().extracting(FeedState::data).isEqualTo(MetricsData.EMPTY);
        assertThat(second.get(0)).as("the state at subscription").isEqualTo(FeedState.initial("scripted"));
    }

    @Test
    void aFailedReadKeepsTheLastDataAndSaysWhy() {
        List<FeedState> states = new ArrayList<>();
        feed.subscribe(new ImmediateUI(), states::add);
        source.answers.add(SOME_DATA);
        source.answers.add(new IOException("retries exhausted", new ConnectException("Connection refused")));
        source.answers.add(SOME_DATA);

        feed.refresh();
        feed.refresh();
        FeedState failed = feed.latest();
        feed.refresh();

        assertThat(failed.data()).isEqualTo(SOME_DATA);
        assertThat(failed.lastSuccess()).contains(NOW);
        assertThat(failed.error()).contains("ConnectException: Connection refused");
        assertThat(feed.latest().error()).isEmpty();
        assertThat(states).hasSize(4);
    }

    @Test
    void readsOnceWithoutPagesThenOnlyWhileAPageIsOpen() {
        source.answers.add(SOME_DATA);

        feed.refresh();
        feed.refresh();

        assertThat(source.requestedMinutes).hasSize(1);
    }

    @Test
    void errorsBecomeOneShortLine() {
        String longMessage = "x".repeat(500) + "\nsecond line";

        assertThat(MetricsFeed.oneLine(new IOException("outer", new IllegalStateException(longMessage))))
                .startsWith("IllegalStateException: xxx").endsWith("…").doesNotContain("second line").hasSize(241);
    }
}
