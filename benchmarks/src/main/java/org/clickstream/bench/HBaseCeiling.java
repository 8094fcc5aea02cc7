package org.clickstream.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.shaded.protobuf.ProtobufUtil;
import org.apache.hadoop.hbase.shaded.protobuf.generated.ClientProtos.MutationProto;
import org.apache.hadoop.hbase.shaded.protobuf.generated.ClientProtos.MutationProto.MutationType;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.TableLayout;

/**
 * The HBase ceiling for the rows a run left: every row and cell of a namespace's data tables, read
 * back into files (HBase's own protobuf form of a Put, as its Export tool writes), then written into
 * another namespace by plain BufferedMutators and nothing else. The files keep the writer's memory
 * flat whatever the number of rows, and the timed part does no HBase reads.
 */
final class HBaseCeiling {
    private static final int SCAN_CACHING = 5_000;

    /** A table's rows as Puts in a file. */
    record TableDump(String table, Path file, long rows, long cells) {}

    record Dump(List<TableDump> tables) {
        long rows() {
            return tables.stream().mapToLong(TableDump::rows).sum();
        }

        long cells() {
            return tables.stream().mapToLong(TableDump::cells).sum();
        }
    }

    /** One timed write of a dump: from the first mutate to the last flush acknowledged. */
    record Write(int threads, long rows, long cells, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        double cellsPerSecond() {
            return cells / seconds;
        }
    }

    private HBaseCeiling() {}

    /** Every table of the namespace but {@code pipeline} (the processor's health rows are bookkeeping, not data). */
    static Dump dump(Connection hbase, String namespace, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<TableName> names;
        try (Admin admin = hbase.getAdmin()) {
            names = Arrays.stream(admin.listTableNamesByNamespace(namespace))
                    .filter(name -> !name.getQualifierAsString().equals(TableLayout.PIPELINE))
                    .sorted()
                    .toList();
        }
        List<TableDump> tables = new ArrayList<>();
        for (TableName name : names) {
            Path file = dir.resolve(name.getQualifierAsString() + ".puts");
            long rows = 0;
            long cells = 0;
            try (Table t = hbase.getTable(name);
                    ResultScanner scanner =
                            t.getScanner(new Scan().setCaching(SCAN_CACHING).setCacheBlocks(false));
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                for (Result result : scanner) {
                    Put put = new Put(result.getRow());
                    for (Cell cell : result.rawCells()) {
                        // No timestamp: the server stamps the cell, as it does the processor's.
                        put.addColumn(
                                CellUtil.cloneFamily(cell), CellUtil.cloneQualifier(cell), CellUtil.cloneValue(cell));
                    }
                    ProtobufUtil.toMutation(MutationType.PUT, put).writeDelimitedTo(out);
                    rows++;
                    cells += put.size();
                }
            }
            if (rows > 0) {
                tables.add(new TableDump(name.getQualifierAsString(), file, rows, cells));
            } else {
                Files.delete(file);
            }
        }
        return new Dump(List.copyOf(tables));
    }

    /** One client thread writes every table in turn, one BufferedMutator per table. */
    static Write oneThread(Connection hbase, TableLayout target, Dump dump) throws IOException {
        long start = System.nanoTime();
        for (TableDump table : dump.tables()) {
            replay(hbase, target.table(table.table()), table.file());
        }
        return new Write(1, dump.rows(), dump.cells(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * One client thread per table, all at once, each with a connection of its own: the client allows
     * a connection only {@code hbase.client.max.perserver.tasks} (2) requests in flight per region
     * server, so threads sharing one would mostly wait for each other.
     */
    static Write threadPerTable(Configuration client, TableLayout target, Dump dump) throws Exception {
        List<Connection> connections = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(dump.tables().size());
        try {
            for (int i = 0; i < dump.tables().size(); i++) {
                connections.add(ConnectionFactory.createConnection(client));
            }
            long start = System.nanoTime();
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < dump.tables().size(); i++) {
                Connection connection = connections.get(i);
                TableDump table = dump.tables().get(i);
                writes.add(threads.submit(() -> {
                    replay(connection, target.table(table.table()), table.file());
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            return new Write(dump.tables().size(), dump.rows(), dump.cells(), (System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static void replay(Connection hbase, TableName table, Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                BufferedMutator mutator = hbase.getBufferedMutator(HBaseConnections.bulkWriter(table))) {
            MutationProto put;
            while ((put = MutationProto.parseDelimitedFrom(in)) != null) {
                mutator.mutate(ProtobufUtil.toPut(put));
            }
        }
    }
}
