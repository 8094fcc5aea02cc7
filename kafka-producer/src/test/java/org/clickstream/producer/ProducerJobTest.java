package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventRules;
import org.clickstream.core.RejectReason;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.generator.MalformedRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerJobTest {
    private static final long SENT_AT = 1_700_000_000_123L;

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final RunStats stats = new RunStats(clock::nanoTime);

    private Path rejectsPath() {
        return dir.resolve("rejects.csv");
    }

    @Test
    void sendsEveryValidRowAsTheContractsJsonAndKeepsEveryMalformedOneWithItsReason() throws IOException {
        int cases = MalformedRows.CASES.size();
        Path csv = generate(cases * 6L, 6);
        RecordingSink sink = new RecordingSink(clock::nanoTime);

        ProducerJob.End end = run(
                new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC()),
                sink,
                Long.MAX_VALUE,
                () -> false);

        List<ExpectedRecords.Expected> expected = ExpectedRecords.of(csv);
        assertThat(end).isEqualTo(ProducerJob.End.INPUT_EXHAUSTED);
        assertThat(sink.records)
                .extracting(RecordingSink.Sent::key)
                .containsExactlyElementsOf(
                        expected.stream().map(ExpectedRecords.Expected::key).toList());
        assertThat(sink.records)
                .extracting(sent -> ExpectedRecords.canonical(sent.value()))
                .containsExactlyElementsOf(
                        expected.stream().map(ExpectedRecords.Expected::fields).toList());
        assertThat(sink.records).allSatisfy(sent -> assertThat(ExpectedRecords.sentAtMillis(sent.value()))
                .isEqualTo(SENT_AT));
        assertThat(stats.sent()).isEqualTo(expected.size());
        assertThat(stats.acknowledged()).isEqualTo(expected.size());
        assertThat(stats.rejected()).isEqualTo(cases);

        Map<RejectReason, Long> perReason = new EnumMap<>(RejectReason.class);
        MalformedRows.CASES.forEach(c -> perReason.merge(c.expected(), 1L, Long::sum));
        for (RejectReason reason : RejectReason.values()) {
            assertThat(stats.rejected(reason)).as(reason.code()).isEqualTo(perReason.getOrDefault(reason, 0L));
        }
        ExpectedRecords.assertRejectsFile(rejectsPath(), csv);
        assertThat(String.join("\n", stats.summary()))
                .contains(String.format(
                        "sent %d events: %d acknowledged, 0 failed; %d rows rejected",
                        expected.size(), expected.size(), cases))
                .contains("bad_event_time " + perReason.get(RejectReason.BAD_EVENT_TIME))
                .contains("wrong_field_count " + perReason.get(RejectReason.WRONG_FIELD_COUNT));
    }

    @Test
    void hostileRowsAmongValidOnesAreRejectsWithTheirReasonAndTheRunGoesOn() throws IOException {
        Path csv = generate(20, 0);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        String valid = lines.get(5);
        String[] f = valid.split(",", -1);
        List<String> hostile = List.of(
                with(f, 6, "0E-10000"),
                with(f, 6, "1e-999999999"),
                with(f, 0, "2099-01-01 00:00:00 UTC"),
                with(f, 2, "\u0661\u0662\u0663"),
                with(f, 5, "b".repeat(1_200_000)));
        lines.addAll(10, hostile);
        Files.write(csv, lines);
        RecordingSink sink = new RecordingSink(clock::nanoTime);

        ProducerJob.End end = run(
                new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC()),
                sink,
                Long.MAX_VALUE,
                () -> false);

        assertThat(end).isEqualTo(ProducerJob.End.INPUT_EXHAUSTED);
        assertThat(sink.records).hasSize(20);
        assertThat(stats.rejected(RejectReason.BAD_PRICE)).isEqualTo(2);
        assertThat(stats.rejected(RejectReason.FUTURE_EVENT_TIME)).isEqualTo(1);
        assertThat(stats.rejected(RejectReason.BAD_PRODUCT_ID)).isEqualTo(1);
        assertThat(stats.rejected(RejectReason.RECORD_TOO_LARGE)).isEqualTo(1);
        List<String> rejects = Files.readAllLines(rejectsPath());
        assertThat(rejects).hasSize(1 + hostile.size());
        // The 1.2 MB row is kept as its first characters, with its full size.
        assertThat(rejects.get(5))
                .startsWith("15,record_too_large,")
                .contains(",1200")
                .hasSizeLessThan(2 * RejectsFile.MAX_RAW_CHARS);
    }

    @Test
    void aLatin1FileIsRejectedRowByRowInsteadOfReadWithReplacementCharacters() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        String rows = org.clickstream.core.EventCsv.HEADER_LINE + "\n"
                + "2020-09-24 11:57:06 UTC,view,1,,,M\u00fcller,1,7,s\n"
                + "2020-09-24 11:57:07 UTC,view,1,,,M\u00f6ller,1,7,s\n"
                + "2020-09-24 11:57:08 UTC,view,1,,,Plain,1,7,s\n";
        Files.write(csv, rows.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        run(new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC()), sink, Long.MAX_VALUE, () -> false);
        assertThat(sink.records).hasSize(1);
        assertThat(stats.rejected(RejectReason.BAD_ENCODING)).isEqualTo(2);
    }

    @Test
    void aRecordLargerThanKafkaTakesIsARejectWhetherTheClientOrTheBrokerSaysSo() throws IOException {
        Path csv = generate(30, 0);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        String[] f = lines.get(3).split(",", -1);
        // About 500 bytes of JSON (sent, refused by the broker) and about 750 (refused before sending).
        lines.set(3, with(f, 5, "b".repeat(250)));
        lines.set(7, with(with(f, 5, "b".repeat(250)).split(",", -1), 4, "c".repeat(250)));
        Files.write(csv, lines);
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        // The broker refuses values over 450 bytes; the client is told to send at most 1,000 (key, value, overhead).
        sink.refuseAbove = 450;
        try (EventSource source = new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC());
                RejectsFile rejects = new RejectsFile(rejectsPath(), Long.MAX_VALUE)) {
            ProducerJob.End end = new ProducerJob(
                            source,
                            sink,
                            rejects,
                            stats,
                            new Pacer(0, clock, () -> false),
                            () -> SENT_AT,
                            () -> false,
                            ProducerJob.Options.defaults().withMaxRecordBytes(ProducerJob.RECORD_OVERHEAD_BYTES + 560))
                    .run();
            assertThat(end).isEqualTo(ProducerJob.End.INPUT_EXHAUSTED);
        }
        assertThat(Files.readAllLines(rejectsPath())).as("rejects").hasSize(3);
        assertThat(sink.records).hasSize(28);
        assertThat(stats.rejected(RejectReason.RECORD_TOO_LARGE)).isEqualTo(2);
        assertThat(stats.sent()).isEqualTo(28);
        assertThat(stats.failed()).isZero();
        assertThat(Files.readAllLines(rejectsPath()))
                .hasSize(3)
                .anyMatch(line -> line.contains("refused by Kafka"))
                .anyMatch(line -> line.contains("max.request.size"));
    }

    @Test
    void theRejectsFileHoldsAtMostItsLimitAndCountsTheRest() throws IOException {
        Path csv = generate(200, 2);
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        try (EventSource source = new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC());
                RejectsFile rejects = new RejectsFile(rejectsPath(), 10)) {
            new ProducerJob(
                            source,
                            sink,
                            rejects,
                            stats,
                            new Pacer(0, clock, () -> false),
                            () -> SENT_AT,
                            () -> false,
                            ProducerJob.Options.defaults())
                    .run();
            assertThat(rejects.written()).isEqualTo(10);
            assertThat(rejects.dropped()).isEqualTo(90);
        }
        assertThat(stats.rejected()).isEqualTo(100);
        assertThat(Files.readAllLines(rejectsPath())).hasSize(11);
    }

    private static String with(String[] fields, int index, String value) {
        String[] copy = fields.clone();
        copy[index] = value;
        return String.join(",", copy);
    }

    @Test
    void readsGzipCompressedFilesLikePlainOnes() throws IOException {
        Path plain = generate(400, 40);
        Path gzip = dir.resolve("events.csv.gz");
        CsvGenerator.write(
                gzip,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(11).withRemoveShare(0.05)),
                400,
                40);
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        run(
                new CsvFileSource(gzip, false, EventRules.defaults(), Clock.systemUTC()),
                sink,
                Long.MAX_VALUE,
                () -> false);
        assertThat(sink.records)
                .extracting(sent -> ExpectedRecords.canonical(sent.value()))
                .containsExactlyElementsOf(ExpectedRecords.of(plain).stream()
                        .map(ExpectedRecords.Expected::fields)
                        .toList());
        assertThat(stats.rejected()).isEqualTo(10);
    }

    @Test
    void loopReplaysTheFileMovedForwardByTheMinutesItSpansAndStopsAtTheLimit() throws IOException {
        Path csv = generate(300, 50);
        List<ExpectedRecords.Expected> expected = ExpectedRecords.of(csv);
        int n = expected.size();
        RecordingSink sink = new RecordingSink(clock::nanoTime);

        ProducerJob.End end = run(
                new CsvFileSource(csv, true, EventRules.defaults(), Clock.systemUTC()), sink, 2L * n + 10, () -> false);

        assertThat(end).isEqualTo(ProducerJob.End.LIMIT_REACHED);
        assertThat(sink.records).hasSize(2 * n + 10);
        Duration shift = ExpectedRecords.loopShift(expected);
        assertThat(shift).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
        for (int i = 0; i < sink.records.size(); i++) {
            int cycle = i / n;
            assertThat(ExpectedRecords.canonical(sink.records.get(i).value()))
                    .as("record %d (cycle %d)", i, cycle + 1)
                    .isEqualTo(expected.get(i % n).shiftedBy(shift.multipliedBy(cycle)));
        }
        // Each malformed row is written once, and counted in every cycle that read it.
        assertThat(Files.readAllLines(rejectsPath())).hasSize(1 + 300 / 50);
        assertThat(stats.rejected()).isEqualTo(2 * (300 / 50));
    }

    @Test
    void loopOverAFileWithoutValidRowsEndsAfterOneCycle() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(
                csv,
                "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n"
                        + "nonsense\n");
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        assertThat(run(
                        new CsvFileSource(csv, true, EventRules.defaults(), Clock.systemUTC()),
                        sink,
                        Long.MAX_VALUE,
                        () -> false))
                .isEqualTo(ProducerJob.End.INPUT_EXHAUSTED);
        assertThat(sink.records).isEmpty();
        assertThat(stats.rejected(RejectReason.WRONG_FIELD_COUNT)).isEqualTo(1);
    }

    @Test
    void stopsAtTheFirstDeliveryThatFailed() throws IOException {
        RecordingSink sink = new RecordingSink(clock::nanoTime, 2, () -> {});
        ProducerJob.End end = run(generated(100), sink, Long.MAX_VALUE, () -> false);
        assertThat(end).isEqualTo(ProducerJob.End.DELIVERY_FAILED);
        assertThat(sink.records).hasSize(3);
        assertThat(stats.acknowledged()).isEqualTo(2);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.summary()).contains("first failed delivery: java.lang.IllegalStateException: broker said no");
    }

    @Test
    void stopsWhenAsked() throws IOException {
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        ProducerJob.End end = run(generated(100), sink, Long.MAX_VALUE, () -> sink.records.size() >= 5);
        assertThat(end).isEqualTo(ProducerJob.End.STOPPED);
        assertThat(sink.records).hasSize(5);
    }

    @Test
    void sendsExactlyTheGeneratedEventsKeyedBySession() throws IOException {
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        assertThat(run(generated(1_000), sink, Long.MAX_VALUE, () -> false)).isEqualTo(ProducerJob.End.INPUT_EXHAUSTED);
        EventGenerator same = new EventGenerator(EventGenerator.Settings.defaults());
        for (RecordingSink.Sent sent : sink.records) {
            ClickEvent event = same.next();
            assertThat(sent.key())
                    .isEqualTo(event.userSession() != null ? event.userSession() : Long.toString(event.userId()));
            assertThat(ExpectedRecords.canonical(sent.value()))
                    .containsEntry(
                            "product_id", BigDecimal.valueOf(event.productId()).stripTrailingZeros())
                    .containsEntry("event_type", event.eventType().wireName());
        }
        assertThat(sink.records).hasSize(1_000);
        assertThat(Files.exists(rejectsPath()))
                .as("no rejects, no rejects file")
                .isFalse();
    }

    @Test
    void pacesWithTheGivenRate() throws IOException {
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        ProducerJob job = new ProducerJob(
                generated(500),
                sink,
                new RejectsFile(rejectsPath(), Long.MAX_VALUE),
                stats,
                new Pacer(250, clock, () -> false),
                () -> SENT_AT,
                () -> false,
                ProducerJob.Options.defaults());
        job.run();
        // 500 events at 250/s: the last one two seconds (less one interval) after the first.
        assertThat(sink.records.get(499).nanoTime() - sink.records.get(0).nanoTime())
                .isEqualTo(1_996_000_000L);
    }

    @Test
    void liveStampsEachEventWithTheSecondItIsSentAndKeepsTheRest() throws IOException {
        Path csv = generate(200, 0);
        RecordingSink sink = new RecordingSink(clock::nanoTime);
        try (EventSource source = new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC());
                RejectsFile rejects = new RejectsFile(rejectsPath(), Long.MAX_VALUE)) {
            new ProducerJob(
                            source,
                            sink,
                            rejects,
                            stats,
                            new Pacer(0, clock, () -> false),
                            () -> SENT_AT,
                            () -> false,
                            ProducerJob.Options.defaults().withLive(true))
                    .run();
        }
        List<ExpectedRecords.Expected> expected = ExpectedRecords.of(csv);
        assertThat(sink.records).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            // SENT_AT is 2023-11-14 22:13:20.123 UTC: the event time becomes that second, the other fields stay.
            Map<String, Object> live = new java.util.TreeMap<>(expected.get(i).fields());
            live.put("event_time", "2023-11-14 22:13:20 UTC");
            assertThat(ExpectedRecords.canonical(sink.records.get(i).value())).isEqualTo(live);
        }
    }

    private ProducerJob.End run(EventSource source, RecordingSink sink, long limit, BooleanSupplier stop)
            throws IOException {
        try (source;
                RejectsFile rejects = new RejectsFile(rejectsPath(), Long.MAX_VALUE)) {
            return new ProducerJob(
                            source,
                            sink,
                            rejects,
                            stats,
                            new Pacer(0, clock, stop),
                            () -> SENT_AT,
                            stop,
                            ProducerJob.Options.defaults().withLimit(limit))
                    .run();
        }
    }

    private Path generate(long rows, long malformedEvery) throws IOException {
        Path csv = dir.resolve("events.csv");
        CsvGenerator.write(
                csv,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(11).withRemoveShare(0.05)),
                rows,
                malformedEvery);
        return csv;
    }

    private static GeneratedSource generated(long count) {
        return new GeneratedSource(new EventGenerator(EventGenerator.Settings.defaults()), count);
    }
}
