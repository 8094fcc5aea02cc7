package org.clickstream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka offsets on both sides of the pipeline: what the topic holds (and when each record was sent,
 * from its {@code sent_at_ms}), and what the processor has written (its {@code --batch-log}).
 */
final class Offsets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * A processed micro-batch: per partition the offsets [start, end), when its results were in HBase,
     * its duration and Spark's breakdown of it ({@code addBatch}, {@code walCommit}, ...).
     */
    record Batch(
            Map<Integer, Long> start,
            Map<Integer, Long> end,
            long writtenMs,
            long durationMs,
            Map<String, Long> phasesMs) {
        /**
         * The Kafka records the batch covered, from its offsets (not the log's {@code rows}, Spark's
         * numInputRows, which counts every scan of the source: a plan that reads a batch twice counts it twice).
         */
        long records() {
            return end.entrySet().stream()
                    .mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L))
                    .sum();
        }
    }

    private Offsets() {}

    static List<Batch> readBatchLog(Path file, String topic) throws IOException {
        List<Batch> batches = new ArrayList<>();
        if (!Files.exists(file)) {
            return batches;
        }
        for (String line : Files.readAllLines(file)) {
            JsonNode node = JSON.readTree(line);
            Map<String, Long> phases = new LinkedHashMap<>();
            node.path("phases_ms")
                    .fields()
                    .forEachRemaining(e -> phases.put(e.getKey(), e.getValue().asLong()));
            batches.add(new Batch(
                    partitions(node.path("start_offsets").path(topic)),
                    partitions(node.path("end_offsets").path(topic)),
                    node.path("written_ms").asLong(),
                    node.path("duration_ms").asLong(),
                    phases));
        }
        return batches;
    }

    private static Map<Integer, Long> partitions(JsonNode offsets) {
        Map<Integer, Long> byPartition = new HashMap<>();
        offsets.fields()
                .forEachRemaining(e -> byPartition.put(
                        Integer.parseInt(e.getKey()), e.getValue().asLong()));
        return byPartition;
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Records in the topic not yet in a processed batch. */
    static long lag(KafkaConsumer<byte[], byte[]> consumer, String topic, List<Batch> batches) {
        Map<Integer, Long> processed =
                batches.isEmpty() ? Map.of() : batches.get(batches.size() - 1).end();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end :
                consumer.endOffsets(partitions(consumer, topic)).entrySet()) {
            lag += end.getValue() - processed.getOrDefault(end.getKey().partition(), 0L);
        }
        return lag;
    }

    /** One record's send time and its latency to HBase. */
    record Latency(long sentMs, long ms) {}

    /** Latency of every record of the topic: when its batch was written minus its sent_at_ms. */
    static List<Latency> latencies(KafkaConsumer<byte[], byte[]> consumer, String topic, List<Batch> batches)
            throws IOException {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        List<Latency> latencies = new ArrayList<>();
        Map<TopicPartition, Long> read = new HashMap<>();
        while (partitions.stream().anyMatch(p -> read.getOrDefault(p, 0L) < ends.get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                read.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                Long written = writtenAt(batches, record.partition(), record.offset());
                Long sent = sentAtMs(record.value());
                if (written != null && sent != null) {
                    latencies.add(new Latency(sent, written - sent));
                }
            }
        }
        return latencies;
    }

    private static Long writtenAt(List<Batch> batches, int partition, long offset) {
        for (Batch batch : batches) {
            if (offset >= batch.start().getOrDefault(partition, 0L)
                    && offset < batch.end().getOrDefault(partition, 0L)) {
                return batch.writtenMs();
            }
        }
        return null;
    }

    private static Long sentAtMs(byte[] value) throws IOException {
        try (JsonParser json = FACTORY.createParser(value)) {
            while (json.nextToken() != null) {
                if (json.currentToken() == JsonToken.FIELD_NAME && "sent_at_ms".equals(json.currentName())) {
                    json.nextToken();
                    return json.getLongValue();
                }
            }
        }
        return null;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(PartitionInfo::partition)
                .map(p -> new TopicPartition(topic, p))
                .collect(Collectors.toList());
    }
}
