package org.clickstream.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.HBaseConnections;
import org.clickstream.core.RowKeys;
import org.clickstream.core.TableLayout;

/** The real store: HBase tables of CONTRACT.md, one shared client connection per JVM (driver and executors). */
public final class HBasePipelineStore implements PipelineStore {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Connection> CONNECTIONS = new ConcurrentHashMap<>();
    private static final byte[] QUERY_ID = Bytes.toBytes("query_id");

    private final String zookeeper;

    public HBasePipelineStore(String zookeeper) {
        this.zookeeper = zookeeper;
    }

    @Override
    public void prepare() throws IOException {
        try (Admin admin = connection().getAdmin()) {
            TableLayout.createMissing(admin);
        }
    }

    @Override
    public Writer open() {
        return new HBaseWriter(connection());
    }

    @Override
    public void reset() {
        Connection stale = CONNECTIONS.remove(zookeeper);
        if (stale != null) {
            // Closing waits for the stuck calls; let it happen in the background.
            Thread closer = new Thread(() -> closeQuietly(stale), "hbase-connection-closer");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private Connection connection() {
        return CONNECTIONS.computeIfAbsent(zookeeper, zk -> {
            Configuration conf = HBaseConnections.configuration(zk);
            // A batch should fail within a minute or so when HBase is away (the processor then
            // restarts it from the checkpoint), not after the client's default twenty minutes.
            conf.set("hbase.client.retries.number", "10");
            conf.set("hbase.client.pause", "100");
            conf.set("hbase.rpc.timeout", "10000");
            conf.set("hbase.client.operation.timeout", "30000");
            conf.set("hbase.client.meta.operation.timeout", "30000");
            conf.set("zookeeper.recovery.retry", "3");
            // Region lookups in hbase:meta have their own, longer, timeout.
            conf.set("hbase.client.scanner.timeout.period", "20000");
            try {
                Connection connection = ConnectionFactory.createConnection(conf);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(connection)));
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to HBase (ZooKeeper " + zk + ")", e);
            }
        });
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }

    private static final class HBaseWriter implements Writer {
        private final Connection connection;
        private final Map<MetricTable, BufferedMutator> metrics = new EnumMap<>(MetricTable.class);
        private BufferedMutator rejects;

        HBaseWriter(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void putCounters(MetricTable table, String rowKey, Map<String, Long> counters) throws IOException {
            Put put = new Put(RowKeys.bytes(rowKey));
            counters.forEach((qualifier, value) ->
                    put.addColumn(TableLayout.METRICS_FAMILY, Bytes.toBytes(qualifier), Bytes.toBytes(value)));
            BufferedMutator mutator = metrics.get(table);
            if (mutator == null) {
                mutator = connection.getBufferedMutator(TableName.valueOf(table.tableName()));
                metrics.put(table, mutator);
            }
            mutator.mutate(put);
        }

        @Override
        public void putReject(Reject reject) throws IOException {
            if (rejects == null) {
                rejects = connection.getBufferedMutator(TableName.valueOf(TableLayout.REJECTS));
            }
            rejects.mutate(new Put(RowKeys.bytes(reject.source()))
                    .addColumn(TableLayout.REJECTS_FAMILY, TableLayout.Reject.REASON, Bytes.toBytes(reject.reason()))
                    .addColumn(TableLayout.REJECTS_FAMILY, TableLayout.Reject.DETAIL, Bytes.toBytes(reject.detail()))
                    .addColumn(TableLayout.REJECTS_FAMILY, TableLayout.Reject.RAW, reject.raw())
                    .addColumn(TableLayout.REJECTS_FAMILY, TableLayout.Reject.SOURCE, Bytes.toBytes(reject.source())));
        }

        @Override
        public void putHealth(Map<String, Long> values, String queryId) throws IOException {
            Put put = new Put(TableLayout.Pipeline.PROCESSOR_ROW);
            values.forEach((qualifier, value) ->
                    put.addColumn(TableLayout.PIPELINE_FAMILY, Bytes.toBytes(qualifier), Bytes.toBytes(value)));
            put.addColumn(TableLayout.PIPELINE_FAMILY, QUERY_ID, Bytes.toBytes(queryId));
            try (Table table = connection.getTable(TableName.valueOf(TableLayout.PIPELINE))) {
                table.put(put);
            }
        }

        @Override
        public Map<String, Long> readHealth() throws IOException {
            Map<String, Long> values = new HashMap<>();
            for (Cell cell : healthRow().rawCells()) {
                byte[] qualifier = CellUtil.cloneQualifier(cell);
                if (!Bytes.equals(qualifier, QUERY_ID)) {
                    values.put(Bytes.toString(qualifier), Bytes.toLong(CellUtil.cloneValue(cell)));
                }
            }
            return values;
        }

        @Override
        public String readHealthQueryId() throws IOException {
            byte[] id = healthRow().getValue(TableLayout.PIPELINE_FAMILY, QUERY_ID);
            return id == null ? null : Bytes.toString(id);
        }

        private Result healthRow() throws IOException {
            try (Table table = connection.getTable(TableName.valueOf(TableLayout.PIPELINE))) {
                return table.get(new Get(TableLayout.Pipeline.PROCESSOR_ROW));
            }
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (BufferedMutator mutator : metrics.values()) {
                failure = closeKeepingFirstFailure(mutator, failure);
            }
            if (rejects != null) {
                failure = closeKeepingFirstFailure(rejects, failure);
            }
            if (failure != null) {
                throw failure;
            }
        }

        private static IOException closeKeepingFirstFailure(BufferedMutator mutator, IOException failure) {
            try {
                mutator.close();
                return failure;
            } catch (IOException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                    return failure;
                }
                return e;
            }
        }
    }
}
