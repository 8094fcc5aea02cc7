package org.clickstream.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventType;
import org.clickstream.core.ParseResult;
import org.clickstream.core.testing.ExpectedMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGeneratorTest {

    @Test
    void sameSeedSameEventsOtherSeedOtherEvents() throws IOException {
        assertThat(csv(7, 2_000)).isEqualTo(csv(7, 2_000)).isNotEqualTo(csv(8, 2_000));
    }

    @Test
    void hasTheShapeOfTheDataSet() {
        EventGenerator generator = new EventGenerator(EventGenerator.Settings.defaults());
        int n = 200_000;
        Map<EventType, Integer> types = new HashMap<>();
        int noBrand = 0;
        int noCategory = 0;
        Set<String> sessions = new HashSet<>();
        Set<Long> users = new HashSet<>();
        List<Double> prices = new ArrayList<>();
        ClickEvent previous = null;
        for (int i = 0; i < n; i++) {
            ClickEvent event = generator.next();
            types.merge(event.eventType(), 1, Integer::sum);
            noBrand += event.brand() == null ? 1 : 0;
            noCategory += event.categoryCode() == null ? 1 : 0;
            sessions.add(event.userSession());
            users.add(event.userId());
            prices.add(event.price().doubleValue());
            assertThat(event.categoryId()).isBetween(1_000_000_000_000_000_000L, Long.MAX_VALUE);
            if (previous != null) {
                assertThat(event.eventTime()).isAfterOrEqualTo(previous.eventTime());
            }
            previous = event;
        }
        assertThat(types.get(EventType.VIEW) / (double) n).isCloseTo(0.897, within(0.01));
        assertThat(types.get(EventType.CART) / (double) n).isCloseTo(0.061, within(0.005));
        assertThat(types.get(EventType.PURCHASE) / (double) n).isCloseTo(0.042, within(0.005));
        assertThat(types).doesNotContainKey(EventType.REMOVE_FROM_CART);
        assertThat(noBrand / (double) n).isCloseTo(0.24, within(0.03));
        assertThat(noCategory / (double) n).isCloseTo(0.267, within(0.03));
        // Sessions of several events (~1.8), users with more than one session (~2.2 events each).
        assertThat(n / (double) sessions.size()).isBetween(1.5, 2.2);
        assertThat(n / (double) users.size()).isBetween(1.8, 2.6);
        prices.sort(Double::compare);
        double median = prices.get(n / 2);
        double mean = prices.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(prices.get(0)).isGreaterThanOrEqualTo(1.0);
        assertThat(prices.get(n - 1)).isLessThanOrEqualTo(2500.0);
        assertThat(mean).as("right-skewed: mean above median").isGreaterThan(median * 1.5);
        // 100 events per minute by default: 200k events span about 2,000 minutes.
        long minutes = java.time.Duration.between(EventGenerator.DEFAULT_START, previous.eventTime())
                .toMinutes();
        assertThat(minutes).isBetween(1_900L, 2_100L);
    }

    @Test
    void mixesInRemovesWhenAsked() {
        EventGenerator generator =
                new EventGenerator(EventGenerator.Settings.defaults().withRemoveShare(0.1));
        int removes = 0;
        for (int i = 0; i < 50_000; i++) {
            removes += generator.next().eventType() == EventType.REMOVE_FROM_CART ? 1 : 0;
        }
        assertThat(removes / 50_000.0).isCloseTo(0.1, within(0.01));
    }

    @Test
    void malformedRowsAreEveryCaseAndBothReadersRejectExactlyThem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.csv");
        int cases = MalformedRows.CASES.size();
        CsvGenerator.Summary summary =
                CsvGenerator.write(file, new EventGenerator(EventGenerator.Settings.defaults()), 10L * cases * 2, 10);
        assertThat(summary.malformedRows()).isEqualTo(2L * cases);

        List<Long> rejectedLines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        try (EventCsv.LineReader lines =
                EventCsv.open(file, org.clickstream.core.EventRules.defaults(), java.time.Clock.systemUTC())) {
            lines.forEachRemaining(line -> {
                if (line.result() instanceof ParseResult.Rejected rejected) {
                    rejectedLines.add(line.lineNumber());
                    reasons.add(rejected.reason().code());
                }
            });
        }
        // The header is line 1, so the n-th row is line n + 1.
        List<Long> expectedLines = new ArrayList<>();
        List<String> expectedReasons = new ArrayList<>();
        for (int i = 0; i < 2 * cases; i++) {
            expectedLines.add(10L * (i + 1) + 1);
            expectedReasons.add(MalformedRows.CASES.get(i % cases).expected().code());
        }
        assertThat(rejectedLines).isEqualTo(expectedLines);
        assertThat(reasons).isEqualTo(expectedReasons);
        assertThat(ExpectedMetrics.of(file).malformedLines).isEqualTo(expectedLines);
    }

    private static String csv(long seed, int rows) throws IOException {
        StringWriter out = new StringWriter();
        CsvGenerator.write(
                out, new EventGenerator(EventGenerator.Settings.defaults().withSeed(seed)), rows, 0);
        return out.toString();
    }
}
