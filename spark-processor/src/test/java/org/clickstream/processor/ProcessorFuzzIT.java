package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.RejectRow;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.HostileRecords;
import org.clickstream.core.testing.HostileRecords.Hostile;
import org.junit.jupiter.api.Test;

/**
 * The real processor over a topic of generated hostile records mixed with valid (and oddly valid)
 * events, seeded (a failure names its seed; {@code -Dfuzz.seed=N} replays it): the run ends normally
 * with no task failure, every hostile record is a reject with a reason, and every table equals the
 * independent computation over the valid events. docs/RELIABILITY.md has the figures.
 */
class ProcessorFuzzIT extends StackIT {
    private static final TableLayout TABLES = TableLayout.of("fuzz");
    private static final int HOSTILE = 3_000;
    private static final int VALID = 3_000;

    @Test
    void hostileRecordsAreRejectsAndTheValidEventsAreExact() throws Exception {
        long seed = HostileRecords.seed(20261205);
        HostileRecords records = new HostileRecords(seed);
        List<Hostile> hostile = new ArrayList<>();
        List<List<String>> valid = new ArrayList<>();
        for (int i = 0; i < HOSTILE; i++) {
            hostile.add(records.kafkaValue());
        }
        for (int i = 0; i < VALID; i++) {
            valid.add(records.validFields());
        }
        String topic = "fuzz-" + System.currentTimeMillis();
        ProcessorFixture.createTopic(topic);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < hostile.size() + valid.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        List<String> csv = new ArrayList<>(List.of(HostileRecords.header()));
        List<Future<RecordMetadata>> hostileSends = new ArrayList<>();
        List<Future<RecordMetadata>> all = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int index : order) {
                if (index < hostile.size()) {
                    Future<RecordMetadata> send = producer.send(
                            new ProducerRecord<>(topic, hostile.get(index).bytes()));
                    hostileSends.add(send);
                    all.add(send);
                } else {
                    List<String> fields = valid.get(index - hostile.size());
                    String key = fields.get(8).isEmpty() ? fields.get(7) : fields.get(8);
                    all.add(producer.send(new ProducerRecord<>(
                            topic,
                            key.getBytes(StandardCharsets.UTF_8),
                            HostileRecords.json(fields).getBytes(StandardCharsets.UTF_8))));
                    csv.add(HostileRecords.csv(fields));
                }
            }
        }
        Set<String> hostileSources = new TreeSet<>();
        for (Future<RecordMetadata> send : hostileSends) {
            RecordMetadata stored = send.get();
            hostileSources.add(topic + "/" + stored.partition() + "/" + stored.offset());
        }
        for (Future<RecordMetadata> send : all) {
            send.get();
        }
        Path file = dir.resolve("valid.csv");
        Files.write(file, csv);
        ExpectedMetrics expected = ExpectedMetrics.of(file);
        assertThat(expected.validRows)
                .as("seed %d: the independent reading accepts every valid event", seed)
                .isEqualTo(valid.size());
        {
            HBaseTables.createEmpty(hbase, TABLES);
            Path log = dir.resolve("run.log");
            // One batch: the events are in no time order, and a later batch would find some of them late.
            ProcessorFixture.runToCompletion(
                    log,
                    Map.of(),
                    "--available-now",
                    "--topic",
                    topic,
                    "--namespace",
                    TABLES.namespace(),
                    "--checkpoint",
                    dir.resolve("checkpoint").toString(),
                    "--max-offsets-per-trigger",
                    "1000000");
            assertThat(Files.readAllLines(log))
                    .as("no task failed")
                    .noneMatch(line -> line.contains("Exception in task")
                            || line.contains("Lost task")
                            || line.contains(" ERROR "));

            Set<String> rejected = new TreeSet<>();
            try (Table table = hbase.getTable(TABLES.rejects());
                    ResultScanner scanner = table.getScanner(new Scan())) {
                for (Result row : scanner) {
                    RejectRow reject = RejectRow.read(row);
                    assertThat(reject.reason()).isNotBlank();
                    assertThat(reject.detail()).isNotBlank();
                    rejected.add(reject.source());
                }
            }
            assertThat(rejected)
                    .as("seed %d: every hostile record, and nothing else, is a reject", seed)
                    .isEqualTo(hostileSources);
            HBaseTables.assertAllExact(hbase, TABLES, expected, "a fuzzed topic");
            try (Table table = hbase.getTable(TABLES.pipeline())) {
                assertThat(HealthRow.read(table.get(HealthRow.get(HealthRow.PROCESSOR)))
                                .rejectsTotal())
                        .isEqualTo(hostile.size());
            }
        }
    }
}
