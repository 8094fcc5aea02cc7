package org.clickstream.processor;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hbase.KeyValue;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.io.ImmutableBytesWritable;
import org.apache.hadoop.hbase.mapreduce.HFileOutputFormat2;
import org.apache.hadoop.hbase.tool.BulkLoadHFiles;
import org.apache.hadoop.mapreduce.Job;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * HBase's own bulk load, from Spark: a table's cells are sorted by row, family and qualifier,
 * written as HFiles by HBase's {@link HFileOutputFormat2} (configured from the table's own
 * descriptor, as HBase's MapReduce bulk load does), and handed to the region servers with
 * {@link BulkLoadHFiles}, which moves the files into the regions (splitting any that straddle a
 * region boundary).
 */
final class HFileLoad {
    static final String TABLE = "table";
    static final String ROW = "row";
    static final String FAMILY = "family";
    static final String QUALIFIER = "qualifier";
    static final String VALUE = "value";
    /** The cells to load: table (with namespace), row key, family, qualifier, value. */
    static final StructType CELLS = new StructType()
            .add(TABLE, DataTypes.StringType, false)
            .add(ROW, DataTypes.BinaryType, false)
            .add(FAMILY, DataTypes.BinaryType, false)
            .add(QUALIFIER, DataTypes.BinaryType, false)
            .add(VALUE, DataTypes.BinaryType, false);

    private HFileLoad() {}

    /**
     * Writes each table's cells as HFiles under {@code staging} and loads them into the table.
     *
     * @param cells     {@link #CELLS}; worth caching, as it is read once per table
     * @param staging   a folder on a file system the region servers can read (HBase's own, ideally)
     * @param timestamp the cells' time (a later Put of the stream wins over it)
     */
    static void load(
            Dataset<Row> cells,
            List<TableName> tables,
            Configuration hbase,
            String staging,
            long timestamp,
            int partitions)
            throws IOException {
        Path output = new Path(staging);
        FileSystem fs = output.getFileSystem(hbase);
        BulkLoadHFiles loader = BulkLoadHFiles.create(hbase);
        try (Connection connection = ConnectionFactory.createConnection(hbase);
                Admin admin = connection.getAdmin()) {
            for (TableName table : tables) {
                Job job = Job.getInstance(new Configuration(hbase));
                // No _SUCCESS marker among the HFiles (the loader would only skip it, with a warning).
                job.getConfiguration().setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
                job.setOutputKeyClass(ImmutableBytesWritable.class);
                job.setOutputValueClass(KeyValue.class);
                // The table's families as it has them (compression, block size, bloom filters).
                HFileOutputFormat2.configureIncrementalLoadMap(job, admin.getDescriptor(table));
                Path dir = new Path(output, table.getNamespaceAsString() + "_" + table.getQualifierAsString());
                cells.filter(col(TABLE).equalTo(table.getNameAsString()))
                        .repartitionByRange(partitions, col(ROW))
                        .sortWithinPartitions(col(ROW), col(FAMILY), col(QUALIFIER))
                        .javaRDD()
                        .mapToPair(cell -> {
                            byte[] row = (byte[]) cell.get(1);
                            return new Tuple2<>(
                                    new ImmutableBytesWritable(row),
                                    new KeyValue(row, (byte[]) cell.get(2), (byte[]) cell.get(3), timestamp, (byte[])
                                            cell.get(4)));
                        })
                        .saveAsNewAPIHadoopFile(
                                dir.toString(),
                                ImmutableBytesWritable.class,
                                KeyValue.class,
                                HFileOutputFormat2.class,
                                job.getConfiguration());
                loader.bulkLoad(table, dir);
            }
        } finally {
            fs.delete(output, true);
        }
    }
}
