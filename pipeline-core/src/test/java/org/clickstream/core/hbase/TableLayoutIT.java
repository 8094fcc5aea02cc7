package org.clickstream.core.hbase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.Endpoints;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real HBase of the local stack, through hbase-shaded-client and through hbase shell. */
class TableLayoutIT {
    private static Connection connection;

    @BeforeAll
    static void connect() throws IOException {
        LocalStack.ensureRunning();
        connection = HBaseConnections.connect(Endpoints.hbaseZookeeper());
    }

    @AfterAll
    static void close() throws IOException {
        connection.close();
    }

    @Test
    void createsEveryTableOnceWithTheRejectsTtl() throws IOException {
        TableLayout layout = TableLayout.of("layout_it");
        HBaseTables.dropNamespace(connection, "layout_it");
        try (Admin admin = connection.getAdmin()) {
            layout.createMissing(admin, Duration.ofHours(5));
            layout.createMissing(admin, Duration.ofHours(5));
            assertThat(Arrays.stream(admin.listTableNamesByNamespace("layout_it"))
                            .map(TableName::getQualifierAsString))
                    .containsExactlyInAnyOrderElementsOf(TableLayout.TABLES.stream()
                            .map(TableLayout.Table::simpleName)
                            .toList());
            for (TableName name : layout.tableNames()) {
                assertThat(admin.isTableAvailable(name)).as(name.toString()).isTrue();
            }
        }
        assertThat(HBaseTables.rejectsTtl(connection, layout)).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void theShellScriptCreatesTheSameTablesInTheNamespaceItIsGiven() throws Exception {
        TableLayout byJava = TableLayout.of("script_java");
        TableLayout byShell = TableLayout.of("script_shell");
        HBaseTables.dropNamespace(connection, "script_java");
        HBaseTables.dropNamespace(connection, "script_shell");
        try (Admin admin = connection.getAdmin()) {
            byJava.createMissing(admin, Duration.ofSeconds(86_400));
        }
        Path root = LocalStack.repositoryRoot();
        for (int run = 0; run < 2; run++) {
            ProcessBuilder shell = new ProcessBuilder(
                            root.resolve("scripts/hbase-shell").toString(),
                            "-n",
                            root.resolve("hbase-config/create-tables.hbase").toString())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            shell.environment().put("CLICKSTREAM_NAMESPACE", "script_shell");
            shell.environment().put("REJECTS_TTL_SECONDS", "86400");
            Process process = shell.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains(run == 0 ? "script_shell:rejects created" : "script_shell:rejects exists");
        }
        try (Admin admin = connection.getAdmin()) {
            for (TableLayout.Table table : TableLayout.TABLES) {
                assertThat(families(admin.getDescriptor(byShell.table(table.simpleName()))))
                        .as(table.simpleName())
                        .isEqualTo(families(admin.getDescriptor(byJava.table(table.simpleName()))));
            }
        }
    }

    @Test
    void aCounterRowIsStoredAsTheContractEncodesIt() throws IOException {
        TableLayout layout = TableLayout.of("codec_it");
        HBaseTables.createEmpty(connection, layout);
        String key = RowKeys.valueMinuteKey("acme, inc.", "202009241157");
        try (Table table = connection.getTable(layout.table(MetricTable.BRAND_MINUTE))) {
            table.put(CounterCells.put(key, Map.of("events", 3L, "carts", 0L, "revenue_cents", 1_234_567_890_123L)));
            Result result = table.get(new Get(RowKeys.bytes(key)));
            assertThat(result.getValue(TableLayout.METRICS_FAMILY, Bytes.toBytes("events")))
                    .containsExactly(0, 0, 0, 0, 0, 0, 0, 3);
            assertThat(result.getValue(TableLayout.METRICS_FAMILY, Bytes.toBytes("carts")))
                    .isNull();
        }
        assertThat(HBaseTables.readCounters(connection, layout.table(MetricTable.BRAND_MINUTE)))
                .isEqualTo(
                        Map.of("acme, inc.|202009241157", Map.of("events", 3L, "revenue_cents", 1_234_567_890_123L)));
    }

    /** What matters of a table's families: names, versions kept, time to live. */
    private static List<String> families(TableDescriptor descriptor) {
        return Arrays.stream(descriptor.getColumnFamilies())
                .map((ColumnFamilyDescriptor f) ->
                        f.getNameAsString() + " versions=" + f.getMaxVersions() + " ttl=" + f.getTimeToLive())
                .sorted()
                .toList();
    }
}
