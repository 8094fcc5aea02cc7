package org.clickstream.stack;

import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/**
 * Exits 0 once HBase (found through the hbase-site.xml on the classpath) serves a read of
 * {@code hbase:meta} with at least REGION_SERVERS live region servers (default 1), 1 when the
 * timeout passes or one of the HBase processes exits first. scripts/stack and scripts/cluster use
 * it to return only when HBase accepts clients.
 */
public final class HBaseProbe {

    private HBaseProbe() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: HBaseProbe TIMEOUT_SECONDS HBASE_PID[,...] [REGION_SERVERS]");
            System.exit(2);
        }
        String[] hbasePids = args[1].split(",");
        int expectedServers = args.length == 3 ? Integer.parseInt(args[2]) : 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[0]));
        Configuration conf = HBaseConfiguration.create();
        // Fail fast inside each attempt; the loop below does the waiting.
        conf.setInt("hbase.client.retries.number", 2);
        conf.setInt("hbase.client.pause", 200);
        conf.setInt("zookeeper.recovery.retry", 1);
        conf.setInt("hbase.rpc.timeout", 5_000);
        conf.setInt("hbase.client.operation.timeout", 8_000);
        String lastError = "no answer";
        while (System.nanoTime() < deadline) {
            for (String pid : hbasePids) {
                if (!ProcessHandle.of(Long.parseLong(pid))
                        .map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    System.err.println("an HBase process (pid " + pid + ") exited during start-up");
                    System.exit(1);
                }
            }
            try (Connection connection = ConnectionFactory.createConnection(conf);
                    Admin admin = connection.getAdmin()) {
                int live = admin.getClusterMetrics().getLiveServerMetrics().size();
                if (admin.isTableAvailable(TableName.META_TABLE_NAME) && live >= expectedServers) {
                    return;
                }
                lastError =
                        "hbase:meta not yet available or " + live + " of " + expectedServers + " region servers live";
            } catch (Exception e) {
                lastError = e.toString();
            }
            Thread.sleep(1_000);
        }
        System.err.println("HBase (ZooKeeper " + conf.get("hbase.zookeeper.quorum") + ":"
                + conf.get("hbase.zookeeper.property.clientPort") + ") did not answer in time: " + lastError);
        System.exit(1);
    }
}
