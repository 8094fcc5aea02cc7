package org.clickstream.core;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The HBase tables of CONTRACT.md. {@code hbase-config/create-tables.hbase} creates the same
 * tables from the shell; {@link #createMissing(Admin)} is what the processor runs at start.
 * Counter cells are 8-byte big-endian longs ({@link Bytes#toBytes(long)}); keys are UTF-8.
 */
public final class TableLayout {
    public static final String NAMESPACE = "ecommerce";

    public static final String METRICS_BY_MINUTE = NAMESPACE + ":metrics_by_minute";
    public static final String METRICS_BY_BRAND = NAMESPACE + ":metrics_by_brand";
    public static final String METRICS_BY_BRAND_MINUTE = NAMESPACE + ":metrics_by_brand_minute";
    public static final String REJECTS = NAMESPACE + ":rejects";
    public static final String PIPELINE = NAMESPACE + ":pipeline";

    public static final byte[] METRICS_FAMILY = Bytes.toBytes("m");
    public static final byte[] REJECTS_FAMILY = Bytes.toBytes("r");
    public static final byte[] PIPELINE_FAMILY = Bytes.toBytes("s");

    /** Qualifiers of {@link #REJECTS}. */
    public static final class Reject {
        public static final byte[] REASON = Bytes.toBytes("reason");
        /** Human-readable explanation (e.g. the offending value); an addition to the contract's three. */
        public static final byte[] DETAIL = Bytes.toBytes("detail");
        public static final byte[] RAW = Bytes.toBytes("raw");
        public static final byte[] SOURCE = Bytes.toBytes("source");

        private Reject() {
        }
    }

    /** Row key and qualifiers of {@link #PIPELINE}; every value is an 8-byte long. */
    public static final class Pipeline {
        public static final byte[] PROCESSOR_ROW = Bytes.toBytes("processor");
        public static final byte[] LAST_BATCH_ID = Bytes.toBytes("last_batch_id");
        /** Wall-clock end of the last batch, epoch milliseconds. */
        public static final byte[] LAST_BATCH_TIME_MS = Bytes.toBytes("last_batch_time_ms");
        public static final byte[] INPUT_ROWS = Bytes.toBytes("input_rows");
        public static final byte[] ROWS_PER_SECOND = Bytes.toBytes("rows_per_second");
        public static final byte[] BATCH_DURATION_MS = Bytes.toBytes("batch_duration_ms");
        public static final byte[] LATE_ROWS = Bytes.toBytes("late_rows");
        public static final byte[] LATE_ROWS_TOTAL = Bytes.toBytes("late_rows_total");
        public static final byte[] REJECTS_TOTAL = Bytes.toBytes("rejects_total");
        /** Records in Kafka not yet processed, summed over partitions. */
        public static final byte[] KAFKA_LAG = Bytes.toBytes("kafka_lag");

        private Pipeline() {
        }
    }

    private record Table(String name, byte[] family) {
    }

    private static final List<Table> TABLES = List.of(
            new Table(METRICS_BY_MINUTE, METRICS_FAMILY),
            new Table(METRICS_BY_BRAND, METRICS_FAMILY),
            new Table(METRICS_BY_BRAND_MINUTE, METRICS_FAMILY),
            new Table(REJECTS, REJECTS_FAMILY),
            new Table(PIPELINE, PIPELINE_FAMILY));

    public static final List<String> TABLE_NAMES = TABLES.stream().map(Table::name).toList();

    private TableLayout() {
    }

    /** Creates the namespace and every table that does not exist yet; safe to run concurrently. */
    public static void createMissing(Admin admin) throws IOException {
        try {
            admin.getNamespaceDescriptor(NAMESPACE);
        } catch (NamespaceNotFoundException e) {
            try {
                admin.createNamespace(NamespaceDescriptor.create(NAMESPACE).build());
            } catch (org.apache.hadoop.hbase.NamespaceExistException raced) {
                // another process created it meanwhile
            }
        }
        for (Table table : TABLES) {
            TableName name = TableName.valueOf(table.name());
            if (admin.tableExists(name)) {
                continue;
            }
            try {
                admin.createTable(TableDescriptorBuilder.newBuilder(name)
                        .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(table.family())
                                .setMaxVersions(1)
                                .build())
                        .build());
            } catch (TableExistsException raced) {
                // another process created it meanwhile
            }
        }
    }
}
