package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.MetricAssertions;
import org.junit.jupiter.api.Test;

/**
 * 200,000 distinct brands (an attack, or a marketplace) through the real processor with a modest
 * driver heap: it finishes, and the brand tables and boards are exact.
 */
class CardinalityIT extends StackIT {
    private static final int BRANDS = 200_000;
    private static final TableLayout TABLES = TableLayout.of("cardinality");

    @Test
    void twoHundredThousandBrandsFinishWithABoundedDriverHeapAndExactTables() throws Exception {
        Path csv = dir.resolve("brands.csv");
        List<String> lines = new ArrayList<>(
                List.of("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session"));
        for (int i = 0; i < BRANDS; i++) {
            // Four events a minute, as the real data set; every event its own brand.
            String time = org.clickstream.core.EventTimes.format(
                    java.time.Instant.parse("2020-09-01T00:00:00Z").plusSeconds(15L * i));
            lines.add(String.format(
                    "%s,%s,%d,,,brand-%06d,%d.%02d,%d,s%d",
                    time, i % 10 == 0 ? "purchase" : "view", i, i, i % 1000, i % 100, i % 5000, i % 7000));
        }
        Files.write(csv, lines);
        String topic = "cardinality-" + System.currentTimeMillis();
        send(topic, csv);
        HBaseTables.createEmpty(hbase, TABLES);

        Path stats = dir.resolve("stats.json");
        ProcessorFixture.runToCompletion(
                dir.resolve("run.log"),
                Map.of("PROCESSOR_DRIVER_MEMORY", "768m", ProcessorFixture.FULL_JIT, "yes"),
                "--available-now",
                "--topic",
                topic,
                "--namespace",
                TABLES.namespace(),
                "--checkpoint",
                dir.resolve("checkpoint").toString(),
                "--tables",
                "metrics_by_minute,metrics_by_brand,metrics_by_brand_minute,leaderboards",
                "--stats-json",
                stats.toString());

        ExpectedMetrics expected = ExpectedMetrics.of(csv);
        assertThat(expected.byBrand()).hasSize(BRANDS);
        for (MetricTable table : List.of(MetricTable.MINUTE, MetricTable.BRAND, MetricTable.BRAND_MINUTE)) {
            MetricAssertions.assertSameMetrics(
                    table.simpleName(),
                    HBaseTables.readCounters(hbase, TABLES.table(table)),
                    expected.table(table.simpleName()));
        }
        assertThat(HBaseTables.readLeaderboards(hbase, TABLES))
                .containsOnlyKeys("brand|all|events", "brand|all|revenue_cents")
                .containsEntry("brand|all|events", expected.leaderboards.get("brand|all|events"))
                .containsEntry("brand|all|revenue_cents", expected.leaderboards.get("brand|all|revenue_cents"));
        JsonNode metrics =
                new ObjectMapper().readTree(stats.toFile()).path("queries").get(0);
        assertThat(metrics.path("records").asLong()).isEqualTo(BRANDS);
        assertThat(metrics.path("driverPeakRssMb").asLong())
                .as("driver peak RSS, MB")
                .isPositive();
    }

    private static void send(String topic, Path csv) throws Exception {
        ProcessorFixture.createTopic(topic);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String line : Files.readAllLines(csv).subList(1, BRANDS + 1)) {
                sends.add(producer.send(new ProducerRecord<>(topic, ProcessorFixture.unvalidatedJson(line))));
            }
        }
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        assertThat(sends).hasSize(BRANDS);
    }
}
