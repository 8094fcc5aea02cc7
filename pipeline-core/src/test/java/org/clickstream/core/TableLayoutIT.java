package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real HBase of the local stack, through hbase-shaded-client. */
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
    void createsTheFiveTablesAndRunningItAgainIsHarmless() throws IOException {
        try (Admin admin = connection.getAdmin()) {
            TableLayout.createMissing(admin);
            TableLayout.createMissing(admin);
            for (String name : TableLayout.TABLE_NAMES) {
                assertThat(admin.isTableAvailable(TableName.valueOf(name))).as(name).isTrue();
            }
            assertThat(Arrays.stream(admin.listTableNamesByNamespace(TableLayout.NAMESPACE)).map(TableName::getNameAsString))
                    .containsExactlyInAnyOrderElementsOf(TableLayout.TABLE_NAMES);
            assertThat(admin.getDescriptor(TableName.valueOf(TableLayout.REJECTS)).hasColumnFamily(TableLayout.REJECTS_FAMILY))
                    .isTrue();
        }
    }

    @Test
    void writesAndReadsACounterRowAsTheContractEncodesIt() throws IOException {
        HBaseTables.createEmpty(connection);
        String minute = RowKeys.minuteKey(java.time.Instant.parse("2020-09-24T11:57:06Z"));
        String brandMinute = RowKeys.brandMinuteKey(minute, "acme, inc.");
        try (Table table = connection.getTable(TableName.valueOf(TableLayout.METRICS_BY_BRAND_MINUTE))) {
            table.put(new Put(RowKeys.bytes(brandMinute))
                    .addColumn(TableLayout.METRICS_FAMILY, Bytes.toBytes(Qualifiers.EVENTS), Bytes.toBytes(3L))
                    .addColumn(TableLayout.METRICS_FAMILY, Bytes.toBytes(Qualifiers.REVENUE_CENTS), Bytes.toBytes(1_234_567_890_123L)));
            Result result = table.get(new Get(RowKeys.bytes(brandMinute)));
            assertThat(result.getValue(TableLayout.METRICS_FAMILY, Bytes.toBytes(Qualifiers.EVENTS)))
                    .isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 3});
        }
        Map<String, Map<String, Long>> rows = HBaseTables.readCounters(connection, TableLayout.METRICS_BY_BRAND_MINUTE);
        assertThat(rows).containsOnlyKeys("202009241157|acme, inc.");
        assertThat(rows.get(brandMinute)).containsExactlyInAnyOrderEntriesOf(
                Map.of("events", 3L, "revenue_cents", 1_234_567_890_123L));
    }
}
