package org.clickstream.dashboard.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.Leaderboard;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;

/**
 * Writes rows into the real HBase through pipeline-core's codecs, as the processor does, so the
 * dashboard is tested apart from the processor. Rows are keyed as {@link ExpectedMetrics} keys them.
 */
public final class TableRows {

    private TableRows() {}

    /** Every table {@code expected} describes: counter rows, product details, leaderboards. */
    public static void putAll(Connection connection, TableLayout layout, ExpectedMetrics expected) throws IOException {
        for (String table : ExpectedMetrics.COUNTER_TABLES) {
            putCounters(connection, layout.table(table), expected.table(table));
        }
        putProductDetails(connection, layout, expected.productDetails);
        putBoards(connection, layout, expected.leaderboards);
    }

    /** Counter rows: row key, then qualifier, then value (absolute, as the processor writes them). */
    public static void putCounters(Connection connection, TableName table, Map<String, Map<String, Long>> rows)
            throws IOException {
        try (BufferedMutator mutator = connection.getBufferedMutator(table)) {
            for (Map.Entry<String, Map<String, Long>> row : rows.entrySet()) {
                mutator.mutate(CounterCells.put(row.getKey(), row.getValue()));
            }
        }
    }

    /** Product id to {brand, category code}. */
    public static void putProductDetails(Connection connection, TableLayout layout, Map<String, List<String>> details)
            throws IOException {
        try (BufferedMutator mutator = connection.getBufferedMutator(layout.table(ExpectedMetrics.PRODUCT))) {
            for (Map.Entry<String, List<String>> product : details.entrySet()) {
                mutator.mutate(new ProductDetails(
                                product.getValue().get(0), product.getValue().get(1))
                        .addTo(new Put(RowKeys.bytes(product.getKey()))));
            }
        }
    }

    /** Leaderboard row key to its entries, best first. */
    public static void putBoards(
            Connection connection, TableLayout layout, Map<String, List<Map.Entry<String, Long>>> boards)
            throws IOException {
        try (BufferedMutator mutator = connection.getBufferedMutator(layout.leaderboards())) {
            for (Map.Entry<String, List<Map.Entry<String, Long>>> board : boards.entrySet()) {
                mutator.mutate(new Leaderboard(board.getValue().stream()
                                .map(entry -> new Leaderboard.Entry(entry.getKey(), entry.getValue()))
                                .toList())
                        .toPut(board.getKey()));
            }
        }
    }

    public static void putHealth(Connection connection, TableLayout layout, HealthRow health) throws IOException {
        try (var table = connection.getTable(layout.pipeline())) {
            table.put(health.toPut(HealthRow.PROCESSOR));
        }
    }
}
