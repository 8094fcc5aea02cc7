package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.clickstream.core.EventRules;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HostileRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer over files of generated hostile lines mixed with valid (and oddly valid) rows,
 * seeded (a failure names its seed; {@code -Dfuzz.seed=N} replays it): every run reads the whole
 * file, every hostile line is in the rejects file with a reason, and the records sent are exactly
 * the valid rows, as the independent reading of the file says.
 */
class ProducerFuzzTest {
    private static final int FILES = 25;

    @TempDir
    Path dir;

    @Test
    void hostileLinesAreRejectsAndValidRowsAreSentExactlyOnce() throws IOException {
        long seed = HostileRecords.seed(20261204);
        HostileRecords records = new HostileRecords(seed);
        for (int file = 0; file < FILES; file++) {
            List<HostileRecords.Hostile> hostile = new ArrayList<>();
            List<List<String>> valid = new ArrayList<>();
            for (int i = records.between(20, 150); i > 0; i--) {
                hostile.add(records.csvLine());
            }
            for (int i = records.between(20, 150); i > 0; i--) {
                valid.add(records.validFields());
            }
            Path csv = dir.resolve("events-" + file + ".csv");
            List<Long> hostileLines = write(csv, hostile, valid, new Random(seed + file));
            String context = "seed " + seed + ", file " + file;

            Path rejectsPath = dir.resolve("rejects-" + file + ".csv");
            RecordingSink sink = new RecordingSink(System::nanoTime);
            RunStats stats = new RunStats(System::nanoTime);
            ProducerJob.End end;
            try (EventSource source = new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC());
                    RejectsFile rejects = new RejectsFile(rejectsPath, Long.MAX_VALUE)) {
                end = new ProducerJob(
                                source,
                                sink,
                                rejects,
                                stats,
                                new Pacer(0, Pacer.Clock.SYSTEM, () -> false),
                                System::currentTimeMillis,
                                () -> false,
                                ProducerJob.Options.defaults())
                        .run();
            }
            assertThat(end).as(context).isEqualTo(ProducerJob.End.INPUT_EXHAUSTED);
            assertThat(ExpectedMetrics.of(csv).malformedLines)
                    .as("%s: the independent reading agrees on what is hostile", context)
                    .isEqualTo(hostileLines);
            List<Long> rejected = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(rejectsPath);
                    CSVParser parser = CSVFormat.RFC4180
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get()
                            .parse(reader)) {
                for (CSVRecord row : parser) {
                    assertThat(row.get("reason")).as(context).isNotBlank();
                    rejected.add(Long.parseLong(row.get("line")));
                }
            }
            assertThat(rejected).as(context).isEqualTo(hostileLines);
            assertThat(sink.records)
                    .as(context)
                    .extracting(sent -> ExpectedRecords.canonical(sent.value()))
                    .containsExactlyElementsOf(ExpectedRecords.of(csv).stream()
                            .map(ExpectedRecords.Expected::fields)
                            .toList());
            assertThat(stats.rejected()).as(context).isEqualTo(hostile.size());
            assertThat(stats.acknowledged()).as(context).isEqualTo(valid.size());
        }
    }

    /** Writes the rows in a random interleaving after a header; returns the line numbers of the hostile ones. */
    private static List<Long> write(
            Path csv, List<HostileRecords.Hostile> hostile, List<List<String>> valid, Random random)
            throws IOException {
        List<byte[]> lines = new ArrayList<>();
        List<Boolean> isHostile = new ArrayList<>();
        hostile.forEach(h -> {
            lines.add(h.bytes());
            isHostile.add(true);
        });
        valid.forEach(v -> {
            lines.add(HostileRecords.csv(v).getBytes(StandardCharsets.UTF_8));
            isHostile.add(false);
        });
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((HostileRecords.header() + "\n").getBytes(StandardCharsets.UTF_8));
        List<Long> hostileLines = new ArrayList<>();
        long number = 1;
        for (int index : order) {
            number++;
            out.write(lines.get(index));
            out.write('\n');
            if (isHostile.get(index)) {
                hostileLines.add(number);
            }
        }
        Files.write(csv, out.toByteArray());
        return hostileLines;
    }
}
