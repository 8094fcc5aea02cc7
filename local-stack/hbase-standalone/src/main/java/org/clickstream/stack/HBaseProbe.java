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
 * {@code hbase:meta}, 1 when the timeout passes or the HBase process exits first. scripts/stack uses it to return only when
 * HBase accepts clients.
 */
public final class HBaseProbe {

    private HBaseProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: HBaseProbe TIMEOUT_SECONDS HBASE_PID");
            System.exit(2);
        }
        long hbasePid = Long.parseLong(args[1]);
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
            if (!ProcessHandle.of(hbasePid).map(ProcessHandle::isAlive).orElse(false)) {
                System.err.println("the HBase process (pid " + hbasePid + ") exited during start-up");
                System.exit(1);
            }
            try (Connection connection = ConnectionFactory.createConnection(conf);
                    Admin admin = connection.getAdmin()) {
                if (admin.isTableAvailable(TableName.META_TABLE_NAME)
                        && !admin.getClusterMetrics().getLiveServerMetrics().isEmpty()) {
                    return;
                }
                lastError = "hbase:meta not yet available";
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
