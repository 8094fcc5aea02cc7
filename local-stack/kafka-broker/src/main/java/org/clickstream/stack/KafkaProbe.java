package org.clickstream.stack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Exits 0 once the broker at the given address answers a metadata request, 1 when the timeout
 * passes or the broker's process exits first. scripts/stack uses it to return only when Kafka accepts clients.
 */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KafkaProbe HOST:PORT TIMEOUT_SECONDS BROKER_PID");
            System.exit(2);
        }
        long brokerPid = Long.parseLong(args[2]);
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        String lastError = "no answer";
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (!ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false)) {
                    System.err.println("the Kafka process (pid " + brokerPid + ") exited during start-up");
                    System.exit(1);
                }
                try {
                    int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(6, TimeUnit.SECONDS).size();
                    if (brokers > 0) {
                        return;
                    }
                    lastError = "no broker registered yet";
                } catch (Exception e) {
                    lastError = e.getCause() != null ? e.getCause().toString() : e.toString();
                }
                Thread.sleep(Duration.ofMillis(500).toMillis());
            }
        }
        System.err.println("Kafka at " + bootstrap + " did not answer in time: " + lastError);
        System.exit(1);
    }
}
