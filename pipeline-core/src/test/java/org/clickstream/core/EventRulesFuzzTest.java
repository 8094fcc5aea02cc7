package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HostileRecords;

/**
 * The rules against generated hostile records (seeded: jqwik prints the seed of a failure, and
 * {@code -Djqwik.seeds.whenfixed=ALLOW_SEEDS} with {@code @Property(seed = ...)} replays it): no
 * record makes a reader throw, every hostile one is a reject with a reason and a short detail, and
 * every valid one (odd values included) is accepted exactly as the independent reading of the
 * contract accepts it.
 */
class EventRulesFuzzTest {
    private static final Instant CLOCK = Instant.parse("2026-01-01T00:00:00Z");
    private static final EventRules RULES = EventRules.defaults();

    @Property(tries = 2000, seed = "20261201")
    void everyHostileCsvLineIsARejectWithAReason(@ForAll("csvLines") HostileRecords.Hostile line) {
        ParseResult result = EventCsv.parseLine(line.bytes(), 0, line.bytes().length, RULES, CLOCK);
        assertThat(result).as("%s: %s", line.kind(), shown(line.text())).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.detail()).isNotBlank().hasSizeLessThan(300));
    }

    @Property(tries = 2000, seed = "20261202")
    void everyHostileKafkaValueIsARejectWithAReason(@ForAll("kafkaValues") HostileRecords.Hostile value) {
        ParseResult result = EventJson.decode(value.bytes(), RULES, CLOCK);
        assertThat(result).as("%s: %s", value.kind(), shown(value.text())).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.detail()).isNotBlank().hasSizeLessThan(300));
    }

    @Property(tries = 1000, seed = "20261203")
    void everyOddButValidEventIsAcceptedAsTheContractSaysInBothForms(@ForAll("validRows") List<String> fields) throws Exception {
        String csv = HostileRecords.csv(fields);
        ParseResult fromCsv = EventCsv.parseLine(csv, RULES, CLOCK);
        ParseResult fromJson = EventJson.decode(HostileRecords.json(fields).getBytes(StandardCharsets.UTF_8), RULES, CLOCK);
        assertThat(fromCsv).as(csv).isInstanceOf(ParseResult.Valid.class);
        assertThat(fromJson).as(HostileRecords.json(fields)).isInstanceOf(ParseResult.Valid.class);
        ClickEvent a = ((ParseResult.Valid) fromCsv).event();
        ClickEvent b = ((ParseResult.Valid) fromJson).event();
        assertThat(b.priceCents()).isEqualTo(a.priceCents());
        assertThat(b.normalizedBrand()).isEqualTo(a.normalizedBrand());
        assertThat(b.eventTime()).isEqualTo(a.eventTime());
        // The independent reading agrees that it is valid, and on its brand.
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.writeString(file, HostileRecords.header() + "\n" + csv + "\n");
            ExpectedMetrics expected = ExpectedMetrics.of(file, ExpectedMetrics.Settings.defaults().withClock(CLOCK));
            assertThat(expected.validRows).as(csv).isEqualTo(1);
            assertThat(expected.byBrand()).containsOnlyKeys(a.normalizedBrand());
            assertThat(expected.byBrand().get(a.normalizedBrand()).getOrDefault("price_sum_cents", 0L)).isEqualTo(a.priceCents());
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<HostileRecords.Hostile> csvLines() {
        return HostileRecords.csvLine();
    }

    @Provide
    Arbitrary<HostileRecords.Hostile> kafkaValues() {
        return HostileRecords.kafkaValue();
    }

    @Provide
    Arbitrary<List<String>> validRows() {
        return HostileRecords.validFields();
    }

    private static String shown(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
