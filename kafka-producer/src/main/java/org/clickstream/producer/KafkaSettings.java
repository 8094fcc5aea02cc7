package org.clickstream.producer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.clickstream.core.Endpoints;

/**
 * The producer's Kafka client settings: safe, fast defaults, then a properties file, then
 * {@code --bootstrap}, then single {@code -D key=value} settings (SASL/SSL go in the last two).
 */
public final class KafkaSettings {
    /** How long a record may take to be acknowledged, retries included: covers a broker restart. */
    static final int DELIVERY_TIMEOUT_MS = 600_000;
    /** Kafka's default max.request.size: the largest record the client sends. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private KafkaSettings() {}

    public static Properties defaults(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "clickstream-producer");
        // Nothing acknowledged is lost (all in-sync replicas have it) or duplicated by a retry
        // (the broker drops a batch it already has); per partition, order is kept across retries.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(DELIVERY_TIMEOUT_MS));
        // While the broker is away the buffer fills and send() waits, as long as a record may wait.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(DELIVERY_TIMEOUT_MS));
        // Throughput: lz4 halves the ~270-byte JSON events at little CPU cost; big batches, short linger.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        return config;
    }

    /**
     * @param bootstrap  {@code --bootstrap}, or {@code null} for the file's or else {@link Endpoints#kafkaBootstrap()}
     * @param configFile {@code --producer-config}, or {@code null}
     * @param overrides  {@code -D key=value} settings
     */
    public static Properties producerConfig(String bootstrap, Path configFile, Map<String, String> overrides)
            throws IOException {
        Properties config = defaults(Endpoints.kafkaBootstrap());
        if (configFile != null) {
            try (Reader reader = Files.newBufferedReader(configFile)) {
                config.load(reader);
            }
        }
        if (bootstrap != null) {
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        config.putAll(overrides);
        return config;
    }

    /** The largest request the client will send (max.request.size), from the settings. */
    public static int maxRequestSize(Properties config) {
        Object value = config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return value == null
                ? DEFAULT_MAX_REQUEST_SIZE
                : Integer.parseInt(value.toString().strip());
    }

    /** Settings Kafka's producer does not know (typos, usually): the client would only log them. */
    public static List<String> unknownProducerSettings(Properties config) {
        List<String> unknown = new ArrayList<>();
        for (String name : config.stringPropertyNames()) {
            if (!ProducerConfig.configNames().contains(name)) {
                unknown.add(name);
            }
        }
        unknown.sort(null);
        return unknown;
    }

    /** The subset an admin client understands (connection and security settings). */
    public static Properties adminConfig(Properties producerConfig) {
        Properties admin = new Properties();
        for (String name : producerConfig.stringPropertyNames()) {
            if (AdminClientConfig.configNames().contains(name)) {
                admin.put(name, producerConfig.getProperty(name));
            }
        }
        return admin;
    }
}
