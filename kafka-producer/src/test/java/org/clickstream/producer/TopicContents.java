package org.clickstream.producer;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.clickstream.core.Endpoints;

/** Everything a topic holds, read back with a plain consumer (no group), partition by partition. */
final class TopicContents {
    private TopicContents() {}

    static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofMinutes(2))
                    .pollDelay(Duration.ZERO)
                    .pollInSameThread()
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
            records.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    static long count(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            return partitions.isEmpty()
                    ? 0
                    : consumer.endOffsets(partitions).values().stream()
                            .mapToLong(Long::longValue)
                            .sum();
        }
    }

    /** Each key's values in canonical form, in the order the topic holds them (one partition per key). */
    static Map<String, List<Map<String, Object>>> byKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(ExpectedRecords.canonical(record.value()));
        }
        return byKey;
    }

    /** Keys found in more than one partition: none, when the key decides the partition. */
    static Set<String> keysInSeveralPartitions(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Integer> partitionOf = new LinkedHashMap<>();
        Set<String> spread = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Integer previous = partitionOf.putIfAbsent(record.key(), record.partition());
            if (previous != null && previous != record.partition()) {
                spread.add(record.key());
            }
        }
        return spread;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
