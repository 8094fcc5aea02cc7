package org.clickstream.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.Leaderboard;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.core.hbase.RejectRow;
import org.clickstream.core.hbase.TableLayout;

/**
 * The real store: the tables of docs/CONTRACT.md in one namespace, written through pipeline-core's
 * codecs; one shared client connection per JVM (driver and executors).
 */
public final class HBasePipelineStore implements PipelineStore {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Connection> CONNECTIONS = new ConcurrentHashMap<>();
    /** Threads that wait for the tables' flushes (network waits, so one per table in flight is fine). */
    private static final ExecutorService FLUSHERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hbase-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final String zookeeper;
    private final TableLayout layout;
    private final Duration rejectsTtl;

    public HBasePipelineStore(String zookeeper, TableLayout layout, Duration rejectsTtl) {
        this.zookeeper = zookeeper;
        this.layout = layout;
        this.rejectsTtl = rejectsTtl;
    }

    @Override
    public void prepare() throws IOException {
        HBaseConnections.requireZooKeeperListening(HBaseConnections.configuration(zookeeper));
        try (Admin admin = connection().getAdmin()) {
            layout.createMissing(admin, rejectsTtl);
        }
    }

    @Override
    public Writer open() {
        return new HBaseWriter(connection(), layout);
    }

    @Override
    public String describe() {
        return "HBase at " + zookeeper + ", namespace " + layout.namespace();
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
        private final TableLayout layout;
        private final Map<TableName, BufferedMutator> mutators = new LinkedHashMap<>();

        HBaseWriter(Connection connection, TableLayout layout) {
            this.connection = connection;
            this.layout = layout;
        }

        @Override
        public void putCounters(String table, String rowKey, Map<String, Long> counters, ProductDetails details)
                throws IOException {
            Put put = CounterCells.put(rowKey, counters);
            if (details != null) {
                details.addTo(put);
            }
            if (!put.isEmpty()) {
                mutator(layout.table(table)).mutate(put);
            }
        }

        @Override
        public Map<String, Map<String, Long>> readBases(String table, List<String> rowKeys) throws IOException {
            Map<String, Map<String, Long>> bases = new HashMap<>();
            try (Table t = connection.getTable(layout.table(table))) {
                Result[] results = t.get(rowKeys.stream()
                        .map(key -> new Get(org.clickstream.core.hbase.RowKeys.bytes(key))
                                .addFamily(TableLayout.BASE_FAMILY))
                        .toList());
                for (int i = 0; i < results.length; i++) {
                    if (!results[i].isEmpty()) {
                        bases.put(rowKeys.get(i), CounterCells.read(results[i], TableLayout.BASE_FAMILY));
                    }
                }
            }
            return bases;
        }

        @Override
        public void putReject(RejectRow reject) throws IOException {
            mutator(layout.rejects()).mutate(reject.toPut());
        }

        @Override
        public void putHealth(String row, HealthRow health) throws IOException {
            try (Table table = connection.getTable(layout.pipeline())) {
                table.put(health.toPut(row));
            }
        }

        @Override
        public HealthRow readHealth(String row) throws IOException {
            try (Table table = connection.getTable(layout.pipeline())) {
                return HealthRow.read(table.get(HealthRow.get(row)));
            }
        }

        @Override
        public Map<String, Leaderboard> readBoards(Collection<String> rows) throws IOException {
            List<String> keys = new ArrayList<>(rows);
            List<Get> gets = keys.stream().map(Leaderboard::get).toList();
            Map<String, Leaderboard> boards = new HashMap<>();
            try (Table table = connection.getTable(layout.leaderboards())) {
                Result[] results = table.get(gets);
                for (int i = 0; i < keys.size(); i++) {
                    boards.put(keys.get(i), Leaderboard.read(results[i]));
                }
            }
            return boards;
        }

        @Override
        public void putBoard(String row, Leaderboard board) throws IOException {
            mutator(layout.leaderboards()).mutate(board.toPut(row));
        }

        private BufferedMutator mutator(TableName table) throws IOException {
            BufferedMutator mutator = mutators.get(table);
            if (mutator == null) {
                mutator = connection.getBufferedMutator(HBaseConnections.bulkWriter(table));
                mutators.put(table, mutator);
            }
            return mutator;
        }

        /** Flushes every table's buffer at once: their round trips to the region server overlap instead of following one another. */
        @Override
        public void close() throws IOException {
            List<CompletableFuture<Void>> flushes = new ArrayList<>();
            for (BufferedMutator mutator : mutators.values()) {
                flushes.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                mutator.close();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        FLUSHERS));
            }
            IOException failure = null;
            for (CompletableFuture<Void> flush : flushes) {
                try {
                    flush.join();
                } catch (CompletionException e) {
                    IOException cause = e.getCause() instanceof UncheckedIOException unchecked
                            ? unchecked.getCause()
                            : new IOException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
