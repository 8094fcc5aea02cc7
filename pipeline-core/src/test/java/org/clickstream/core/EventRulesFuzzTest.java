package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HostileRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules against generated hostile records (seeded: a failure names its seed, and
 * {@code -Dfuzz.seed=N} replays it): no record makes a reader throw, every hostile one is a reject
 * with a reason and a short detail, and every valid one (odd values included) is accepted exactly as
 * the independent reading of the contract accepts it.
 */
class EventRulesFuzzTest {
    private static final Instant CLOCK = Instant.parse("2026-01-01T00:00:00Z");
    private static final EventRules RULES = EventRules.defaults();

    @TempDir
    Path dir;

    @Test
    void everyHostileCsvLineIsARejectWithAReason() {
        long seed = HostileRecords.seed(20261201);
        HostileRecords records = new HostileRecords(seed);
        for (int i = 0; i < 2_000; i++) {
            HostileRecords.Hostile line = records.csvLine();
            ParseResult result = EventCsv.parseLine(line.bytes(), 0, line.bytes().length, RULES, CLOCK);
            assertThat(result)
                    .as("seed %d, record %d: %s", seed, i, line)
                    .isInstanceOfSatisfying(ParseResult.Rejected.class, rejected -> assertThat(rejected.detail())
                            .isNotBlank()
                            .hasSizeLessThan(300));
        }
    }

    @Test
    void everyHostileKafkaValueIsARejectWithAReason() {
        long seed = HostileRecords.seed(20261202);
        HostileRecords records = new HostileRecords(seed);
        for (int i = 0; i < 2_000; i++) {
            HostileRecords.Hostile value = records.kafkaValue();
            ParseResult result = EventJson.decode(value.bytes(), RULES, CLOCK);
            assertThat(result)
                    .as("seed %d, record %d: %s", seed, i, value)
                    .isInstanceOfSatisfying(ParseResult.Rejected.class, rejected -> assertThat(rejected.detail())
                            .isNotBlank()
                            .hasSizeLessThan(300));
        }
    }

    @Test
    void everyOddButValidEventIsAcceptedAsTheContractSaysInBothForms() throws Exception {
        long seed = HostileRecords.seed(20261203);
        HostileRecords records = new HostileRecords(seed);
        List<String> lines = new ArrayList<>(List.of(HostileRecords.header()));
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            List<String> fields = records.validFields();
            String csv = HostileRecords.csv(fields);
            String json = HostileRecords.json(fields);
            ParseResult fromCsv = EventCsv.parseLine(csv, RULES, CLOCK);
            ParseResult fromJson = EventJson.decode(json.getBytes(StandardCharsets.UTF_8), RULES, CLOCK);
            assertThat(fromCsv).as("seed %d, row %d: %s", seed, i, csv).isInstanceOf(ParseResult.Valid.class);
            assertThat(fromJson).as("seed %d, row %d: %s", seed, i, json).isInstanceOf(ParseResult.Valid.class);
            ClickEvent a = ((ParseResult.Valid) fromCsv).event();
            ClickEvent b = ((ParseResult.Valid) fromJson).event();
            assertThat(List.of(b.priceCents(), b.normalizedBrand(), b.eventTime(), b.categoryKey()))
                    .as("seed %d, row %d: CSV and JSON read alike", seed, i)
                    .isEqualTo(List.of(a.priceCents(), a.normalizedBrand(), a.eventTime(), a.categoryKey()));
            lines.add(csv);
            events.add(a);
        }
        // The independent reading accepts them all, and agrees on brands and money.
        Path file = dir.resolve("valid.csv");
        Files.write(file, lines);
        ExpectedMetrics expected =
                ExpectedMetrics.of(file, ExpectedMetrics.Settings.defaults().withClock(CLOCK));
        assertThat(expected.validRows).as("seed %d", seed).isEqualTo(events.size());
        java.util.Map<String, Long> cents = new java.util.TreeMap<>();
        events.forEach(e -> cents.merge(e.normalizedBrand(), e.priceCents(), Long::sum));
        java.util.Map<String, Long> expectedCents = new java.util.TreeMap<>();
        expected.byBrand().forEach((brand, row) -> expectedCents.put(brand, row.getOrDefault("price_sum_cents", 0L)));
        assertThat(expectedCents).as("seed %d", seed).isEqualTo(cents);
    }
}
