package org.clickstream.core;

/**
 * Where the services are unless a command-line option says otherwise: the environment variables
 * {@code KAFKA_BOOTSTRAP} and {@code HBASE_ZOOKEEPER} (scripts/lib/common.sh sets both from the
 * stack's ports), else the local stack's default ports.
 */
public final class Endpoints {
    public static final String DEFAULT_TOPIC = "ecommerce-events";

    private Endpoints() {}

    public static String kafkaBootstrap() {
        return env("KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    /** ZooKeeper quorum of HBase as {@code host:port} (or {@code host1,host2:port}). */
    public static String hbaseZookeeper() {
        return env("HBASE_ZOOKEEPER", "127.0.0.1:2181");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
