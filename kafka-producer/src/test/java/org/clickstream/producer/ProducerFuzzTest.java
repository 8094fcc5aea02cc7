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
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.clickstream.core.EventRules;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HostileRecords;
import org.clickstream.core.testing.HostileRecords.Hostile;

/**
 * The producer over files of generated hostile lines mixed with valid (and oddly valid) rows, seeded:
 * every run reads the whole file, every hostile line is in the rejects file with a reason, and the
 * records sent are exactly the valid rows, as the independent reading of the file says.
 */
class ProducerFuzzTest {

    @Property(tries = 25, seed = "20261204")
    void hostileLinesAreRejectsAndValidRowsAreSentExactlyOnce(
            @ForAll @Size(min = 20, max = 150) List<@From("hostile") Hostile> hostile,
            @ForAll @Size(min = 20, max = 150) List<@From("valid") List<String>> valid,
            @ForAll long shuffleSeed) throws IOException {
        Path dir = Files.createTempDirectory("producer-fuzz");
        try {
            Path csv = dir.resolve("events.csv");
            List<Long> hostileLines = write(csv, hostile, valid, new Random(shuffleSeed));
            Path rejectsPath = dir.resolve("rejects.csv");
            RecordingSink sink = new RecordingSink(System::nanoTime);
            RunStats stats = new RunStats(System::nanoTime);
            ProducerJob.End end;
            try (EventSource source = new CsvFileSource(csv, false, EventRules.defaults(), Clock.systemUTC());
                    RejectsFile rejects = new RejectsFile(rejectsPath, Long.MAX_VALUE)) {
                end = new ProducerJob(source, sink, rejects, stats, new Pacer(0, Pacer.Clock.SYSTEM, () -> false),
                        System::currentTimeMillis, () -> false, ProducerJob.Options.defaults()).run();
            }
            assertThat(end).isEqualTo(ProducerJob.End.INPUT_EXHAUSTED);
            assertThat(ExpectedMetrics.of(csv).malformedLines).as("the independent reading agrees on what is hostile")
                    .isEqualTo(hostileLines);
            List<Long> rejected = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(rejectsPath);
                    CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                for (CSVRecord row : parser) {
                    assertThat(row.get("reason")).isNotBlank();
                    rejected.add(Long.parseLong(row.get("line")));
                }
            }
            assertThat(rejected).isEqualTo(hostileLines);
            assertThat(sink.records).extracting(sent -> ExpectedRecords.canonical(sent.value()))
                    .containsExactlyElementsOf(ExpectedRecords.of(csv).stream().map(ExpectedRecords.Expected::fields).toList());
            assertThat(stats.rejected()).isEqualTo(hostile.size());
            assertThat(stats.acknowledged()).isEqualTo(valid.size());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes the rows in a random interleaving after a header; returns the line numbers of the hostile ones. */
    private static List<Long> write(Path csv, List<HostileRecords.Hostile> hostile, List<List<String>> valid, Random random)
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
        java.util.Collections.shuffle(order, random);
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

    @Provide
    Arbitrary<HostileRecords.Hostile> hostile() {
        return HostileRecords.csvLine();
    }

    @Provide
    Arbitrary<List<String>> valid() {
        return HostileRecords.validFields();
    }
}
