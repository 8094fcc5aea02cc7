package org.clickstream.core.hbase;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/** HBase client settings shared by the processor, the dashboard and the tests. */
public final class HBaseConnections {

    private HBaseConnections() {}

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
        return conf;
    }

    public static Connection connect(String zookeeper) throws IOException {
        return ConnectionFactory.createConnection(configuration(zookeeper));
    }
}
