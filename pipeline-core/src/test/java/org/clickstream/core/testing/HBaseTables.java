package org.clickstream.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.Leaderboard;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;

/**
 * Test helpers over the real HBase: empty a namespace's tables, read them back whole (through
 * pipeline-core's codecs), and compare every table with {@link ExpectedMetrics}.
 */
public final class HBaseTables {

    private HBaseTables() {}

    /** Creates missing tables and empties all of them, so a test starts from nothing. */
    public static void createEmpty(Connection connection, TableLayout layout) throws IOException {
        try (Admin admin = connection.getAdmin()) {
            layout.createMissing(admin, TableLayout.DEFAULT_REJECTS_TTL);
            // All tables at once: the master runs the procedures side by side. One by one, a layout
            // took ~12 s (0.2 s to disable and 0.4 s to truncate a table, plus the client's polling).
            List<Future<Void>> disabling = new ArrayList<>();
            for (TableName table : layout.tableNames()) {
                if (admin.isTableEnabled(table)) {
                    disabling.add(admin.disableTableAsync(table));
                }
            }
            awaitAll(disabling);
            List<Future<Void>> truncating = new ArrayList<>();
            for (TableName table : layout.tableNames()) {
                truncating.add(admin.truncateTableAsync(table, false));
            }
            awaitAll(truncating);
        }
    }

    private static void awaitAll(List<Future<Void>> procedures) throws IOException {
        try {
            for (Future<Void> procedure : procedures) {
                procedure.get(2, TimeUnit.MINUTES);
            }
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IOException(e);
        }
    }

    public static void createEmpty(Connection connection) throws IOException {
        createEmpty(connection, TableLayout.defaultLayout());
    }

    /** Drops a namespace and its tables, if there is one: a test that creates tables starts without them. */
    public static void dropNamespace(Connection connection, String namespace) throws IOException {
        try (Admin admin = connection.getAdmin()) {
            if (java.util.Arrays.stream(admin.listNamespaces()).noneMatch(namespace::equals)) {
                return;
            }
            TableName[] tables = admin.listTableNamesByNamespace(namespace);
            List<Future<Void>> disabling = new ArrayList<>();
            for (TableName table : tables) {
                if (admin.isTableEnabled(table)) {
                    disabling.add(admin.disableTableAsync(table));
                }
            }
            awaitAll(disabling);
            List<Future<Void>> deleting = new ArrayList<>();
            for (TableName table : tables) {
                deleting.add(admin.deleteTableAsync(table));
            }
            awaitAll(deleting);
            admin.deleteNamespace(namespace);
        }
    }

    /** Every row of a counter table: row key, then qualifier, then value (only the cells present). */
    public static Map<String, Map<String, Long>> readCounters(Connection connection, TableName table)
            throws IOException {
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        try (Table t = connection.getTable(table);
                ResultScanner scanner = t.getScanner(new Scan())) {
            for (Result result : scanner) {
                rows.put(RowKeys.string(result.getRow()), CounterCells.read(result));
            }
        }
        return rows;
    }

    public static long countRows(Connection connection, TableName table) throws IOException {
        long rows = 0;
        try (Table t = connection.getTable(table);
                ResultScanner scanner = t.getScanner(new Scan().setFilter(new FirstKeyOnlyFilter()))) {
            for (Result ignored : scanner) {
                rows++;
            }
        }
        return rows;
    }

    /**
     * Every counter table, the products' details and every leaderboard of {@code layout} equal
     * {@code expected}: the same rows, the same cells, every value exact (unique counts within 5 %).
     */
    public static void assertAllExact(
            Connection connection, TableLayout layout, ExpectedMetrics expected, String context) throws IOException {
        for (String table : ExpectedMetrics.COUNTER_TABLES) {
            MetricAssertions.assertSameMetrics(
                    context + ": " + table, readCounters(connection, layout.table(table)), expected.table(table));
        }
        Map<String, List<String>> details = new TreeMap<>();
        try (Table t = connection.getTable(layout.table(ExpectedMetrics.PRODUCT));
                ResultScanner scanner = t.getScanner(new Scan().addFamily(TableLayout.DETAILS_FAMILY))) {
            for (Result result : scanner) {
                ProductDetails product = ProductDetails.read(result);
                details.put(RowKeys.string(result.getRow()), List.of(product.brand(), product.categoryCode()));
            }
        }
        assertThat(details).as("%s: product details", context).isEqualTo(expected.productDetails);
        assertThat(readLeaderboards(connection, layout))
                .as("%s: leaderboards", context)
                .isEqualTo(expected.leaderboards);
    }

    /** Every leaderboard: row key, then its entries best first. */
    public static Map<String, List<Map.Entry<String, Long>>> readLeaderboards(Connection connection, TableLayout layout)
            throws IOException {
        Map<String, List<Map.Entry<String, Long>>> boards = new TreeMap<>();
        try (Table t = connection.getTable(layout.leaderboards());
                ResultScanner scanner = t.getScanner(new Scan())) {
            for (Result result : scanner) {
                boards.put(
                        RowKeys.string(result.getRow()),
                        Leaderboard.read(result).entries().stream()
                                .map(entry -> Map.entry(entry.key(), entry.value()))
                                .toList());
            }
        }
        return boards;
    }

    /** How long the rejects table keeps a row (its column family's TTL). */
    public static Duration rejectsTtl(Connection connection, TableLayout layout) throws IOException {
        try (Admin admin = connection.getAdmin()) {
            return Duration.ofSeconds(admin.getDescriptor(layout.rejects())
                    .getColumnFamily(TableLayout.REJECTS_FAMILY)
                    .getTimeToLive());
        }
    }
}
