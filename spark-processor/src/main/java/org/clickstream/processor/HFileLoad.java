package org.clickstream.processor;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.CellComparator;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.KeyValue;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.hbase.mapreduce.HFileOutputFormat2;
import org.apache.hadoop.hbase.mapreduce.MultiTableHFileOutputFormat;
import org.apache.hadoop.hbase.tool.BulkLoadHFiles;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.hadoop.mapreduce.Job;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * HBase's own bulk load, from Spark: every table's rows are sorted once, by table and row key,
 * written as HFiles by one pass of HBase's {@link MultiTableHFileOutputFormat} (configured from
 * the tables' own descriptors, as HBase's MapReduce bulk load of several tables is), and handed to
 * the region servers with {@link BulkLoadHFiles}, which moves the files into the regions (splitting
 * any that straddle a region boundary).
 *
 * <p>A record is a whole HBase row, not a cell: the sort moves a seventh of the records it would
 * otherwise, and a row's few cells are put in HBase's order as the row is written.
 */
final class HFileLoad {
    static final String TABLE = "table";
    static final String ROW = "row";
    static final String CELLS = "cells";
    private static final StructType CELL = new StructType()
            .add("family", DataTypes.BinaryType, false)
            .add("qualifier", DataTypes.BinaryType, false)
            .add("value", DataTypes.BinaryType, false);
    /** The rows to load: table (with namespace), row key, the row's cells. */
    static final StructType ROWS = new StructType()
            .add(TABLE, DataTypes.StringType, false)
            .add(ROW, DataTypes.BinaryType, false)
            .add(CELLS, DataTypes.createArrayType(CELL, false), false);

    /** HFileOutputFormat2's own (package-private) keys: the tables written, and that there are several. */
    private static final String OUTPUT_TABLES_KEY = "hbase.mapreduce.hfileoutputformat.table.name";

    private static final String MULTI_TABLE_KEY = "hbase.mapreduce.use.multi.table.hfileoutputformat";

    private HFileLoad() {}

    /** A {@link #ROWS} record of a Put's cells (built by pipeline-core's codecs, as the stream's writes are). */
    static Row row(TableName table, Put put) {
        List<Row> cells = new ArrayList<>();
        put.getFamilyCellMap()
                .values()
                .forEach(family -> family.forEach(cell -> cells.add(RowFactory.create(
                        CellUtil.cloneFamily(cell), CellUtil.cloneQualifier(cell), CellUtil.cloneValue(cell)))));
        return RowFactory.create(table.getNameAsString(), put.getRow(), cells.toArray(Row[]::new));
    }

    /**
     * Writes the rows as HFiles under {@code staging} and loads each table's into the table.
     *
     * @param rows      {@link #ROWS}; read once
     * @param staging   a folder on a file system the region servers can read (HBase's own, ideally)
     * @param timestamp the cells' time (a later Put of the stream wins over it)
     * @param written   counts the cells written
     */
    static void load(
            Dataset<Row> rows,
            List<TableName> tables,
            Configuration hbase,
            String staging,
            long timestamp,
            int partitions,
            LongAccumulator written)
            throws IOException {
        FileSystem fs = new Path(staging).getFileSystem(hbase);
        Path output = fs.makeQualified(new Path(staging));
        BulkLoadHFiles loader = BulkLoadHFiles.create(hbase);
        try (Connection connection = ConnectionFactory.createConnection(hbase);
                Admin admin = connection.getAdmin()) {
            Job job = Job.getInstance(new Configuration(hbase));
            Configuration conf = job.getConfiguration();
            // No _SUCCESS marker among the HFiles (the loader would only skip it, with a warning).
            conf.setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
            // Placing an HFile's blocks beside its region costs a new connection per file written;
            // the loader moves the files into the regions anyway.
            conf.setBoolean(HFileOutputFormat2.LOCALITY_SENSITIVE_CONF_KEY, false);
            job.setOutputKeyClass(ImmutableBytesWritable.class);
            job.setOutputValueClass(KeyValue.class);
            configureTables(job, admin, tables);
            Path files = new Path(output, "hfiles");
            // Hashed, not ranged: no sampling pass over the rows first. Each task's HFiles then span
            // the whole key range, which HBase takes as it is (store files may overlap), and a row
            // is still in one task only.
            rows.repartition(partitions, col(TABLE), col(ROW))
                    .sortWithinPartitions(col(TABLE), col(ROW))
                    .javaRDD()
                    .mapPartitionsToPair(new Cells(timestamp, written))
                    .saveAsNewAPIHadoopFile(
                            files.toString(),
                            ImmutableBytesWritable.class,
                            KeyValue.class,
                            MultiTableHFileOutputFormat.class,
                            conf);
            for (TableName table : tables) {
                // MultiTableHFileOutputFormat's layout: namespace/table/family/files.
                Path dir = new Path(files, table.getNameAsString().replace(':', '/'));
                if (fs.exists(dir)) {
                    loader.bulkLoad(table, dir);
                }
            }
        } finally {
            fs.delete(output, true);
        }
    }

    /**
     * What {@code MultiTableHFileOutputFormat.configureIncrementalLoad} sets up, which HBase 2.6
     * keeps out of reach (its {@code TableInfo} argument is package-private): the tables' names, and
     * each family's attributes (compression, block size, bloom filter, encoding) as the table's
     * descriptor has them, from HBase's single-table set-up.
     */
    private static void configureTables(Job job, Admin admin, List<TableName> tables) throws IOException {
        Configuration conf = job.getConfiguration();
        Map<String, StringJoiner> attributes = new TreeMap<>();
        for (TableName table : tables) {
            Job single = Job.getInstance(new Configuration(conf));
            HFileOutputFormat2.configureIncrementalLoadMap(single, admin.getDescriptor(table));
            // Its family attributes are the values listing "table;family=..." pairs.
            String prefix = URLEncoder.encode(table.getNameAsString() + ";", StandardCharsets.UTF_8);
            for (Map.Entry<String, String> entry : single.getConfiguration()) {
                if (entry.getValue().startsWith(prefix)) {
                    attributes
                            .computeIfAbsent(entry.getKey(), key -> new StringJoiner("&"))
                            .add(entry.getValue());
                }
            }
        }
        attributes.forEach((key, value) -> conf.set(key, value.toString()));
        conf.set(
                OUTPUT_TABLES_KEY,
                tables.stream().map(TableName::getNameAsString).collect(Collectors.joining(";")));
        conf.setBoolean(MULTI_TABLE_KEY, true);
    }

    /**
     * Sorted rows as the cells of the output format: the key is the table and row, and a row's
     * cells come in HBase's order (family, then qualifier), which its HFile writer requires.
     * Records of the same row (adjacent, as the rows are sorted) are written as one row.
     */
    private static final class Cells implements PairFlatMapFunction<Iterator<Row>, ImmutableBytesWritable, KeyValue> {
        private final long timestamp;
        private final LongAccumulator written;

        Cells(long timestamp, LongAccumulator written) {
            this.timestamp = timestamp;
            this.written = written;
        }

        @Override
        public Iterator<Tuple2<ImmutableBytesWritable, KeyValue>> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private Row next = rows.hasNext() ? rows.next() : null;
                private final List<KeyValue> row = new ArrayList<>();
                private ImmutableBytesWritable key;
                private int position;

                @Override
                public boolean hasNext() {
                    return position < row.size() || next != null;
                }

                @Override
                public Tuple2<ImmutableBytesWritable, KeyValue> next() {
                    if (position == row.size()) {
                        readRow();
                    }
                    written.add(1);
                    return new Tuple2<>(key, row.get(position++));
                }

                private void readRow() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    row.clear();
                    position = 0;
                    String table = next.getString(0);
                    byte[] rowKey = (byte[]) next.get(1);
                    key = new ImmutableBytesWritable(
                            MultiTableHFileOutputFormat.createCompositeKey(Bytes.toBytes(table), rowKey));
                    while (next != null
                            && next.getString(0).equals(table)
                            && Arrays.equals((byte[]) next.get(1), rowKey)) {
                        for (Row cell : next.<Row>getList(2)) {
                            row.add(new KeyValue(rowKey, (byte[]) cell.get(0), (byte[]) cell.get(1), timestamp, (byte[])
                                    cell.get(2)));
                        }
                        next = rows.hasNext() ? rows.next() : null;
                    }
                    row.sort(CellComparator.getInstance());
                }
            };
        }
    }
}
