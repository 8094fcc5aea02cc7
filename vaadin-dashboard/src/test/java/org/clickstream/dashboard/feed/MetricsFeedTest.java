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
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.clickstream.dashboard.data.BrandDetail;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.MetricsSource;
import org.clickstream.dashboard.data.MinuteMetrics;
import org.clickstream.dashboard.data.NamedCounters;
import org.clickstream.dashboard.data.ProductHour;
import org.clickstream.dashboard.data.ReadCost;
import org.junit.jupiter.api.Test;

class MetricsFeedTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant NEWEST_MINUTE = Instant.parse("2020-09-24T12:47:00Z");
    private static final MetricsData SOME_DATA = new MetricsData(
            List.of(new MinuteMetrics(NEWEST_MINUTE, new Counters(1, 1, 0, 0, 0, 0, 0))),
            List.of(),
            Optional.of(new Counters(1, 1, 0, 0, 0, 0, 0)),
            List.of(new NamedCounters("acme", new Counters(1, 1, 0, 0, 0, 0, 0))),
            List.of(),
            List.of(),
            ProductHour.NONE,
            Optional.empty(),
            new ReadCost(5, 7, 30, 4));

    /** A source that answers reads from a script (data, or a failure) and records the drill-downs asked for. */
    private static final class ScriptedSource implements MetricsSource {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<Integer> requestedMinutes = new ArrayList<>();
        final List<String> brandReads = new ArrayList<>();
        final List<List<Instant>> brandRanges = new ArrayList<>();

        @Override
        public MetricsData read(int minutes) throws IOException {
            requestedMinutes.add(minutes);
            Object answer = answers.isEmpty() ? SOME_DATA : answers.removeFirst();
            if (answer instanceof IOException e) {
                throw e;
            }
            return (MetricsData) answer;
        }

        @Override
        public BrandDetail readBrand(String brand, Instant firstMinute, Instant lastMinute) {
            brandReads.add(brand);
            brandRanges.add(List.of(firstMinute, lastMinute));
            return new BrandDetail(brand, Counters.ZERO, List.of(), false, List.of(), new ReadCost(1, 1, 2, 1));
        }

        @Override
        public List<String> brandsStartingWith(String prefix, int limit) {
            return List.of();
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {}
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
        // Each state tells what the refresh before it cost: rows read, pages served.
        assertThat(second.get(2).previousRefresh())
                .extracting(RefreshStats::rowsRead, RefreshStats::pages)
                .containsExactly(30L, 2);
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
        feed.refresh();
        feed.refresh();

        assertThat(source.requestedMinutes).hasSize(1);
    }

    @Test
    void aBrandChosenOnManyPagesIsReadOncePerRefreshOverTheFeedsMinutes() {
        for (int i = 0; i < 5; i++) {
            feed.subscribe(new ImmediateUI(), state -> {}).showBrand(Optional.of("acme"));
        }
        MetricsFeed.Subscription other = feed.subscribe(new ImmediateUI(), state -> {});
        other.showBrand(Optional.of("sony"));

        feed.refresh();
        other.showBrand(Optional.empty());
        feed.refresh();

        assertThat(source.brandReads).containsExactly("acme", "sony", "acme");
        assertThat(source.brandRanges.get(0))
                .containsExactly(NEWEST_MINUTE.minus(1439, ChronoUnit.MINUTES), NEWEST_MINUTE);
        assertThat(feed.latest().brands()).containsOnlyKeys("acme");
        assertThat(feed.latest().brand("acme"))
                .hasValueSatisfying(detail -> assertThat(detail.brand()).isEqualTo("acme"));
    }

    @Test
    void moreChosenBrandsThanOneRefreshReadsTakeTurnsLeastRecentlyReadFirst() {
        List<String> brands = new ArrayList<>();
        for (int i = 0; i < MetricsFeed.MAX_BRANDS_PER_REFRESH + 2; i++) {
            brands.add("brand-" + i);
            feed.subscribe(new ImmediateUI(), state -> {}).showBrand(Optional.of("brand-" + i));
        }

        feed.refresh();
        List<String> firstRefresh = List.copyOf(source.brandReads);
        source.brandReads.clear();
        feed.refresh();

        List<String> notReadFirst =
                brands.stream().filter(brand -> !firstRefresh.contains(brand)).toList();
        assertThat(firstRefresh).hasSize(MetricsFeed.MAX_BRANDS_PER_REFRESH);
        assertThat(notReadFirst).hasSize(2);
        assertThat(source.brandReads)
                .hasSize(MetricsFeed.MAX_BRANDS_PER_REFRESH)
                .containsAll(notReadFirst);
        assertThat(feed.latest().brands()).containsOnlyKeys(brands);
        assertThat(feed.latest().previousRefresh().brandsRead()).isEqualTo(MetricsFeed.MAX_BRANDS_PER_REFRESH);
    }

    @Test
    void noDrillDownWithoutMinutes() {
        feed.subscribe(new ImmediateUI(), state -> {}).showBrand(Optional.of("acme"));
        source.answers.add(MetricsData.EMPTY);

        feed.refresh();

        assertThat(source.brandReads).isEmpty();
    }

    @Test
    void errorsBecomeOneShortLine() {
        String longMessage = "x".repeat(500) + "\nsecond line";

        assertThat(MetricsFeed.oneLine(new IOException("outer", new IllegalStateException(longMessage))))
                .startsWith("IllegalStateException: xxx")
                .endsWith("…")
                .doesNotContain("second line")
                .hasSize(241);
    }
}
