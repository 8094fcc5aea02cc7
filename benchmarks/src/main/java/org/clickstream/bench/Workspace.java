package org.clickstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.TableLayout;

/**
 * What every benchmark works with: the repository (its scripts), a folder for logs and stats files,
 * the stack's Kafka and HBase (connected on first use: the producer's benchmark needs no HBase),
 * and the machine's conditions.
 */
final class Workspace implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path dir;
    private Connection hbase;
    private org.apache.kafka.clients.admin.Admin kafka;

    Workspace(Path root, Path dir) throws IOException {
        this.root = root;
        this.dir = Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    /** A file or folder in the work folder. */
    Path file(String name) {
        return dir.resolve(name);
    }

    /** Starts one of the repository's scripts, its output in {@code <name>.log}. */
    Component start(String name, String script, List<String> args) throws IOException {
        return Component.start(root, dir, name, script, args, Map.of());
    }

    /** Runs a script to its successful end. */
    Component run(String name, String script, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(name, script, args, Map.of(), timeoutSeconds);
    }

    /** Runs a script to its successful end, with more environment. */
    Component run(String name, String script, List<String> args, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Component component = Component.start(root, dir, name, script, args, environment);
        component.awaitSuccess(timeoutSeconds);
        return component;
    }

    synchronized Connection hbase() throws IOException {
        if (hbase == null) {
            hbase = HBaseConnections.connect(Endpoints.hbaseZookeeper());
        }
        return hbase;
    }

    /** A namespace with every table of the contract and nothing in them (an older one of that name is dropped first). */
    TableLayout freshNamespace(String namespace) throws IOException {
        dropNamespace(namespace);
        TableLayout layout = TableLayout.of(namespace);
        try (Admin admin = hbase().getAdmin()) {
            layout.createMissing(admin, TableLayout.DEFAULT_REJECTS_TTL);
        }
        return layout;
    }

    /** Drops a namespace and its tables (their memstores with them), so the next measurement starts from the same HBase. */
    void dropNamespace(String namespace) throws IOException {
        try (Admin admin = hbase().getAdmin()) {
            try {
                admin.getNamespaceDescriptor(namespace);
            } catch (NamespaceNotFoundException absent) {
                return;
            }
            for (TableName table : admin.listTableNamesByNamespace(namespace)) {
                if (admin.isTableEnabled(table)) {
                    admin.disableTable(table);
                }
                admin.deleteTable(table);
            }
            admin.deleteNamespace(namespace);
        }
    }

    synchronized org.apache.kafka.clients.admin.Admin kafka() {
        if (kafka == null) {
            kafka = org.apache.kafka.clients.admin.Admin.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap()));
        }
        return kafka;
    }

    void createTopic(String topic, int partitions) throws InterruptedException, ExecutionException, TimeoutException {
        kafka().createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    /** Frees the broker's disk and page cache of a measured topic (one never created is fine). */
    void deleteTopic(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            kafka().deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** Peak RSS of a service of the stack (scripts/stack's pid file), 0 when it is not running. */
    static long stackPeakRssMb(String service) throws IOException {
        Path pidFile = Path.of(System.getenv().getOrDefault("STACK_DIR", ".stack"), service, service + ".pid");
        if (!Files.exists(pidFile)) {
            return 0;
        }
        return Component.peakRssMb(Long.parseLong(Files.readString(pidFile).trim()))
                .orElse(0L);
    }

    /** The 1-minute load average now: the conditions of a measurement on a shared machine. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static ObjectNode machine() {
        ObjectNode machine = JSON.createObjectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("load_average_at_start", loadAverage());
        machine.put("started", Instant.now().toString());
        return machine;
    }

    @Override
    public void close() throws IOException {
        if (kafka != null) {
            kafka.close();
        }
        if (hbase != null) {
            hbase.close();
        }
    }
}
