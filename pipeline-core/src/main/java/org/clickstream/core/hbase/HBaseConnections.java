package org.clickstream.core.hbase;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.zookeeper.ZKConfig;
import org.apache.hadoop.net.NetUtils;

/** HBase client settings shared by the processor, the dashboard, the benchmarks and the tests. */
public final class HBaseConnections {

    /** A writer's client-side buffer per table: large batches per RPC (the region server's cost is per batch and per cell). */
    private static final long WRITE_BUFFER_BYTES = 8L << 20;
    /** What a flush sends per round trip (the client's default); the rest of the buffer waits for the next. */
    private static final long SUBMIT_BYTES = 4L << 20;

    private static final int ZOOKEEPER_CONNECT_MILLIS = 3_000;

    private HBaseConnections() {}

    /** A BufferedMutator for bulk writes: the processor's writer and the benchmarks' HBase ceiling write alike. */
    public static BufferedMutatorParams bulkWriter(TableName table) {
        return new BufferedMutatorParams(table).writeBufferSize(WRITE_BUFFER_BYTES);
    }

    /**
     * A client configuration for the given ZooKeeper quorum ({@code host:port}, or
     * {@code host1,host2,host3:port}). Anything else (Kerberos, timeouts) comes from an
     * {@code hbase-site.xml} on the classpath, as for any HBase client.
     */
    public static Configuration configuration(String zookeeper) {
        Configuration conf = HBaseConfiguration.create();
        int colon = zookeeper.lastIndexOf(':');
        if (colon > 0) {
            conf.set("hbase.zookeeper.quorum", zookeeper.substring(0, colon));
            conf.set("hbase.zookeeper.property.clientPort", zookeeper.substring(colon + 1));
        } else {
            conf.set("hbase.zookeeper.quorum", zookeeper);
        }
        // A flush of a BufferedMutator fills one request per region server up to
        // hbase.client.max.perrequest.rows (2,048) rows or perrequest.heapsize (4 MB); HBase 2.6 then
        // takes each remaining row of the buffer off, measures it (Mutation.heapSize) and puts it back.
        // The processor's Puts are small (600-900 bytes), so an 8 MB buffer holds ~13,000 of them:
        // each row went through that about five times before it was sent (14 % of the writing
        // task's time in JFR, docs/BENCHMARKS.md). With both caps above the submit size, a flush
        // ends at submit.heapsize (4 MB), in one pass.
        conf.setIfUnset("hbase.client.max.submit.heapsize", Long.toString(SUBMIT_BYTES));
        conf.setIfUnset("hbase.client.max.perrequest.heapsize", Long.toString(2 * SUBMIT_BYTES));
        conf.setIfUnset("hbase.client.max.perrequest.rows", Long.toString(Integer.MAX_VALUE));
        return conf;
    }

    /**
     * Fails at once, naming the addresses, when no member of the configuration's ZooKeeper quorum
     * accepts a connection: the HBase client would otherwise retry for about 40 s, a warning a
     * second, before it gave up on a mistyped address or an HBase that is not running.
     */
    public static void requireZooKeeperListening(Configuration conf) throws IOException {
        List<String> refused = new ArrayList<>();
        // The quorum as the client reads it: every member with its port (its own, or clientPort).
        for (String member : ZKConfig.getZKQuorumServersString(conf).split(",")) {
            try (Socket socket = new Socket()) {
                socket.connect(NetUtils.createSocketAddr(member), ZOOKEEPER_CONNECT_MILLIS);
                return;
            } catch (IOException e) {
                refused.add(member + " (" + e.getMessage() + ")");
            }
        }
        throw new IOException("no ZooKeeper of HBase answers at " + String.join(", ", refused));
    }

    public static Connection connect(String zookeeper) throws IOException {
        return ConnectionFactory.createConnection(configuration(zookeeper));
    }
}
