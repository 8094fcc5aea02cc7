package org.clickstream.stack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Exits 0 once the cluster at the given address answers a metadata request listing at least
 * BROKERS brokers (default 1), 1 when the timeout passes or one of the brokers' processes exits
 * first. scripts/stack and scripts/cluster use it to return only when Kafka accepts clients.
 */
public final class KafkaProbe {

    private KafkaProbe() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: KafkaProbe HOST:PORT[,...] TIMEOUT_SECONDS BROKER_PID[,...] [BROKERS]");
            System.exit(2);
        }
        String[] brokerPids = args[2].split(",");
        int expectedBrokers = args.length == 4 ? Integer.parseInt(args[3]) : 1;
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
                for (String pid : brokerPids) {
                    if (!ProcessHandle.of(Long.parseLong(pid))
                            .map(ProcessHandle::isAlive)
                            .orElse(false)) {
                        System.err.println("the Kafka process (pid " + pid + ") exited during start-up");
                        System.exit(1);
                    }
                }
                try {
                    int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes()
                            .get(6, TimeUnit.SECONDS)
                            .size();
                    if (brokers >= expectedBrokers) {
                        return;
                    }
                    lastError = brokers + " of " + expectedBrokers + " brokers registered";
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
