package org.clickstream.stack;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.DatanodeReportType;
import org.apache.hadoop.hdfs.protocol.HdfsConstants.SafeModeAction;

/**
 * Exits 0 once the NameNode at the given URI is out of safe mode with at least the given number of
 * live DataNodes, 1 when the timeout passes or one of the watched processes exits first.
 * scripts/cluster uses it to return only when HDFS accepts writes.
 */
public final class HdfsProbe {

    private HdfsProbe() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: HdfsProbe hdfs://HOST:PORT DATANODES TIMEOUT_SECONDS PID[,PID...]");
            System.exit(2);
        }
        URI namenode = URI.create(args[0]);
        int datanodes = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        Configuration conf = new Configuration();
        // Fail fast inside each attempt; the loop below does the waiting.
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.timeout", 3_000);
        conf.setInt("dfs.client.retry.max.attempts", 1);
        String lastError = "no answer";
        while (System.nanoTime() < deadline) {
            for (String pid : args[3].split(",")) {
                if (!ProcessHandle.of(Long.parseLong(pid))
                        .map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    System.err.println("an HDFS process (pid " + pid + ") exited during start-up");
                    System.exit(1);
                }
            }
            try (FileSystem fs = FileSystem.newInstance(namenode, conf)) {
                DistributedFileSystem dfs = (DistributedFileSystem) fs;
                int live = dfs.getDataNodeStats(DatanodeReportType.LIVE).length;
                if (dfs.setSafeMode(SafeModeAction.SAFEMODE_GET)) {
                    lastError = "NameNode in safe mode (" + live + " live DataNodes)";
                } else if (live < datanodes) {
                    lastError = live + " of " + datanodes + " DataNodes live";
                } else {
                    return;
                }
            } catch (Exception e) {
                lastError = e.toString();
            }
            Thread.sleep(500);
        }
        System.err.println("HDFS at " + namenode + " was not ready in time: " + lastError);
        System.exit(1);
    }
}
