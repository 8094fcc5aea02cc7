package org.clickstream.core.testing;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.TableLayout;

/** Test helpers over the real HBase: empty the contract's tables, read a metric table back whole. */
public final class HBaseTables {

    private HBaseTables() {
    }

    /** Creates missing tables and empties all five, so a test starts from nothing. */
    public static void createEmpty(Connection connection) throws IOException {
        try (Admin admin = connection.getAdmin()) {
            TableLayout.createMissing(admin);
            for (String name : TableLayout.TABLE_NAMES) {
                TableName table = TableName.valueOf(name);
                if (admin.isTableEnabled(table)) {
                    admin.disableTable(table);
                }
                admin.truncateTable(table, false);
            }
        }
    }

    /** Every row of a metric table: row key, then qualifier, then the 8-byte long value. */
    public static Map<String, Map<String, Long>> readCounters(Connection connection, String table) throws IOException {
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        try (Table t = connection.getTable(TableName.valueOf(table));
                ResultScanner scanner = t.getScanner(new Scan())) {
            for (Result result : scanner) {
                Map<String, Long> row = new TreeMap<>();
                for (Cell cell : result.rawCells()) {
                    row.put(Bytes.toString(CellUtil.cloneQualifier(cell)), Bytes.toLong(CellUtil.cloneValue(cell)));
                }
                rows.put(Bytes.toString(result.getRow()), row);
            }
        }
        return rows;
    }

    public static long countRows(Connection connection, String table) throws IOException {
        long rows = 0;
        try (Table t = connection.getTable(TableName.valueOf(table));
                ResultScanner scanner = t.getScanner(new Scan().setFilter(new org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter()))) {
            for (Result ignored : scanner) {
                rows++;
            }
        }
        return rows;
    }
}
