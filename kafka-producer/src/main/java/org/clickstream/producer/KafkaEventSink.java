package org.clickstream.producer;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Records to one Kafka topic: the key as UTF-8 text, the value as given. */
public final class KafkaEventSink implements EventSink {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    private KafkaEventSink(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A producer for {@code topic} that already knows the topic's partitions, so the first send does not wait. */
    public static KafkaEventSink connect(Properties producerConfig, String topic) {
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.partitionsFor(topic);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        return new KafkaEventSink(producer, topic);
    }

    @Override
    public void send(String key, byte[] value, Delivery delivery) {
        producer.send(
                new ProducerRecord<>(topic, key, value),
                (metadata, failure) -> delivery.completed(
                        failure instanceof RecordTooLargeException
                                ? new RecordTooLarge(failure.getMessage())
                                : failure));
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
