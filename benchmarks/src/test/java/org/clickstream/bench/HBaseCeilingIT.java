package org.clickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceiling writes exactly what the source namespace holds, from one thread and from a thread per table (real HBase). */
class HBaseCeilingIT {
    private static final String SOURCE = "ceiling_it_source";
    private static final List<String> TARGETS = List.of("ceiling_it_one", "ceiling_it_per_table");
    /** The tables written, each with the one family it is written in. */
    private static final Map<String, String> TABLES = Map.of(
            "metrics_by_minute",
            "m",
            "metrics_by_brand_minute",
            "m",
            "metrics_by_product",
            "d",
            "leaderboards",
            "t",
            TableLayout.PIPELINE,
            "s");

    private static Connection connection;

    @BeforeAll
    static void connect() throws IOException {
        LocalStack.ensureRunning();
        connection = HBaseConnections.connect(Endpoints.hbaseZookeeper());
    }

    @AfterAll
    static void close() throws IOException {
        for (String namespace : List.of(SOURCE, TARGETS.get(0), TARGETS.get(1))) {
            HBaseTables.dropNamespace(connection, namespace);
        }
        connection.close();
    }

    @Test
    void copiesEveryRowAndCellOfTheDataTablesAndNothingElse(@TempDir Path dir) throws Exception {
        TableLayout source = empty(SOURCE);
        // What the test writes, kept apart as the expected content: table -> row -> family:qualifier -> value.
        Map<String, Map<String, Map<String, String>>> expected = new TreeMap<>();
        Random random = new Random(14);
        write(source, "metrics_by_minute", 300, 7, random, expected);
        write(source, "metrics_by_brand_minute", 120, 3, random, expected);
        write(source, "metrics_by_product", 40, 2, random, expected);
        write(source, "leaderboards", 5, 1, random, expected);
        write(source, TableLayout.PIPELINE, 1, 4, random, new TreeMap<>());

        HBaseCeiling.Dump dump = HBaseCeiling.dump(connection, SOURCE, dir);

        assertThat(dump.tables())
                .extracting(HBaseCeiling.TableDump::table)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(dump.rows())
                .isEqualTo(expected.values().stream().mapToLong(Map::size).sum());
        assertThat(dump.cells())
                .isEqualTo(expected.values().stream()
                        .flatMap(t -> t.values().stream())
                        .mapToLong(Map::size)
                        .sum());

        TableLayout one = empty(TARGETS.get(0));
        HBaseCeiling.Write single = HBaseCeiling.oneThread(connection, one, dump);
        assertThat(single.threads()).isEqualTo(1);
        assertThat(contents(one)).isEqualTo(expected);

        TableLayout perTable = empty(TARGETS.get(1));
        HBaseCeiling.Write parallel = HBaseCeiling.threadPerTable(connection.getConfiguration(), perTable, dump);
        assertThat(parallel.threads()).isEqualTo(expected.size());
        assertThat(contents(perTable)).isEqualTo(expected);
        assertThat(List.of(single.rows(), single.cells(), parallel.rows(), parallel.cells()))
                .containsExactly(dump.rows(), dump.cells(), dump.rows(), dump.cells());
    }

    /** A fresh namespace with just the tables this test writes (creating all of the contract's would take most of its time). */
    private static TableLayout empty(String namespace) throws IOException {
        HBaseTables.dropNamespace(connection, namespace);
        TableLayout layout = TableLayout.of(namespace);
        try (Admin admin = connection.getAdmin()) {
            admin.createNamespace(NamespaceDescriptor.create(namespace).build());
            for (String table : TABLES.keySet()) {
                admin.createTable(TableDescriptorBuilder.newBuilder(layout.table(table))
                        .setColumnFamily(ColumnFamilyDescriptorBuilder.of(TABLES.get(table)))
                        .build());
            }
        }
        return layout;
    }

    /** Rows with a random number (1..maxCells) of cells: binary longs in family m, text elsewhere. */
    private static void write(
            TableLayout layout,
            String table,
            int rows,
            int maxCells,
            Random random,
            Map<String, Map<String, Map<String, String>>> expected)
            throws IOException {
        String family = TABLES.get(table);
        List<Put> puts = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String row = table + "|" + String.format("%05d", r);
            Put put = new Put(Bytes.toBytes(row));
            for (int c = 0; c <= random.nextInt(maxCells); c++) {
                byte[] value = family.equals("m")
                        ? Bytes.toBytes(random.nextLong())
                        : Bytes.toBytes("text " + random.nextInt());
                put.addColumn(Bytes.toBytes(family), Bytes.toBytes("q" + c), value);
                expected.computeIfAbsent(table, t -> new TreeMap<>())
                        .computeIfAbsent(row, k -> new TreeMap<>())
                        .put(family + ":q" + c, Bytes.toStringBinary(value));
            }
            puts.add(put);
        }
        try (Table t = connection.getTable(layout.table(table))) {
            t.put(puts);
        }
    }

    /** Every non-empty table of the namespace, read back whole. */
    private static Map<String, Map<String, Map<String, String>>> contents(TableLayout layout) throws IOException {
        Map<String, Map<String, Map<String, String>>> tables = new TreeMap<>();
        TableName[] names;
        try (Admin admin = connection.getAdmin()) {
            names = admin.listTableNamesByNamespace(layout.namespace());
        }
        for (TableName name : names) {
            try (Table table = connection.getTable(name);
                    ResultScanner scanner = table.getScanner(new Scan())) {
                for (Result result : scanner) {
                    Map<String, String> cells = tables.computeIfAbsent(
                                    name.getQualifierAsString(), t -> new TreeMap<>())
                            .computeIfAbsent(Bytes.toString(result.getRow()), r -> new TreeMap<>());
                    for (Cell cell : result.rawCells()) {
                        cells.put(
                                Bytes.toString(CellUtil.cloneFamily(cell)) + ":"
                                        + Bytes.toString(CellUtil.cloneQualifier(cell)),
                                Bytes.toStringBinary(CellUtil.cloneValue(cell)));
                    }
                }
            }
        }
        return tables;
    }
}
