package org.clickstream.dashboard.data;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.HBaseConnections;
import org.clickstream.core.RowKeys;
import org.clickstream.core.TableLayout;

/**
 * Reads the metric tables. One {@link #read} costs a fixed number of requests however much data
 * the tables hold: a reversed one-row scan for the newest minute, a key-range scan of at most
 * {@code minutes} minute rows, a scan of the brand table (one row per brand) and one get of the
 * processor's row. The brand-minute table is never read.
 */
public final class HBaseMetricsSource implements MetricsSource {
    private static final TableName MINUTES = TableName.valueOf(TableLayout.METRICS_BY_MINUTE);
    private static final TableName BRANDS = TableName.valueOf(TableLayout.METRICS_BY_BRAND);
    private static final TableName PIPELINE = TableName.valueOf(TableLayout.PIPELINE);

    /** What the last {@link #read} cost: requests sent, rows returned, wall-clock time. */
    public record ReadCost(int scans, int gets, long rows, long millis) {
    }

    private final String zookeeper;
    private final Configuration configuration;
    private Connection connection;
    private volatile ReadCost lastReadCost = new ReadCost(0, 0, 0, 0);

    public HBaseMetricsSource(String zookeeper) {
        this.zookeeper = zookeeper;
        this.configuration = HBaseConnections.configuration(zookeeper);
        // Fail within seconds, not the client's default minutes of retries: a refresh runs every
        // second and the page must say soon that HBase is gone. The connection itself reconnects
        // when HBase is back, so nothing here needs restarting.
        configuration.setInt("hbase.client.retries.number", 2);
        configuration.setInt("hbase.client.pause", 200);
        configuration.setInt("hbase.rpc.timeout", 3_000);
        configuration.setInt("hbase.client.operation.timeout", 5_000);
        configuration.setInt("hbase.client.meta.operation.timeout", 5_000);
        configuration.setInt("hbase.client.scanner.timeout.period", 5_000);
        configuration.setInt("zookeeper.recovery.retry", 1);
        configuration.setInt("zookeeper.recovery.retry.intervalmill", 200);
        configuration.setInt("zookeeper.session.timeout", 4_000);
    }

    @Override
    public synchronized MetricsData read(int minutes) throws IOException {
        if (minutes < 1) {
            throw new IllegalArgumentException("minutes must be at least 1: " + minutes);
        }
        long started = System.nanoTime();
        Connection current = connection();
        int scans = 0;
        long rows = 0;
        List<MinuteMetrics> recent = new ArrayList<>();
        try (Table table = current.getTable(MINUTES)) {
            Optional<Instant> newest = newestMinute(table);
            scans++;
            if (newest.isPresent()) {
                rows++;
                Instant first = newest.get().minus(minutes - 1L, ChronoUnit.MINUTES);
                Scan range = new Scan()
                        .withStartRow(RowKeys.bytes(RowKeys.minuteKey(first)))
                        .withStopRow(RowKeys.bytes(RowKeys.minuteKeyAfter(newest.get())))
                        .addFamily(TableLayout.METRICS_FAMILY)
                        .setCaching(Math.min(minutes, 1_000));
                scans++;
                try (ResultScanner scanner = table.getScanner(range)) {
                    for (Result result : scanner) {
                        rows++;
                        recent.add(new MinuteMetrics(RowKeys.minuteStart(RowKeys.string(result.getRow())),
                                Counters.of(longs(result))));
                    }
                }
            }
        }
        List<BrandMetrics> brands = new ArrayList<>();
        try (Table table = current.getTable(BRANDS);
                ResultScanner scanner = table.getScanner(new Scan().addFamily(TableLayout.METRICS_FAMILY).setCaching(1_000))) {
            scans++;
            for (Result result : scanner) {
                rows++;
                brands.add(new BrandMetrics(RowKeys.string(result.getRow()), Counters.of(longs(result))));
            }
        }
        Optional<PipelineStatus> pipeline;
        try (Table table = current.getTable(PIPELINE)) {
            Result result = table.get(new Get(TableLayout.Pipeline.PROCESSOR_ROW).addFamily(TableLayout.PIPELINE_FAMILY));
            pipeline = result.isEmpty() ? Optional.empty() : Optional.of(pipelineStatus(result));
            rows += result.isEmpty() ? 0 : 1;
        }
        lastReadCost = new ReadCost(scans, 1, rows, (System.nanoTime() - started) / 1_000_000);
        return new MetricsData(recent, brands, pipeline);
    }

    public ReadCost lastReadCost() {
        return lastReadCost;
    }

    @Override
    public String describe() {
        return "HBase (ZooKeeper " + zookeeper + ")";
    }

    @Override
    public synchronized void close() throws IOException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private Connection connection() throws IOException {
        if (connection == null || connection.isClosed() || connection.isAborted()) {
            connection = ConnectionFactory.createConnection(configuration);
        }
        return connection;
    }

    /** A reversed scan returning one key only: the newest minute, however long the table. */
    private static Optional<Instant> newestMinute(Table table) throws IOException {
        Scan newest = new Scan().setReversed(true).setLimit(1).setCaching(1)
                .setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter()));
        try (ResultScanner scanner = table.getScanner(newest)) {
            Result result = scanner.next();
            return result == null ? Optional.empty()
                    : Optional.of(RowKeys.minuteStart(RowKeys.string(result.getRow())));
        }
    }

    private static PipelineStatus pipelineStatus(Result result) {
        Map<String, Long> s = longs(result);
        return new PipelineStatus(
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.LAST_BATCH_ID), 0L),
                Instant.ofEpochMilli(s.getOrDefault(Bytes.toString(TableLayout.Pipeline.LAST_BATCH_TIME_MS), 0L)),
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.INPUT_ROWS), 0L),
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.ROWS_PER_SECOND), 0L),
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.BATCH_DURATION_MS), 0L),
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.LATE_ROWS), 0L),
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.LATE_ROWS_TOTAL), 0L),
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.REJECTS_TOTAL), 0L),
                s.getOrDefault(Bytes.toString(TableLayout.Pipeline.KAFKA_LAG), 0L));
    }

    /** The row's 8-byte cells by qualifier; cells of any other length are not counters and are skipped. */
    private static Map<String, Long> longs(Result result) {
        Map<String, Long> values = new HashMap<>();
        for (Cell cell : result.rawCells()) {
            if (cell.getValueLength() == Bytes.SIZEOF_LONG) {
                values.put(Bytes.toString(CellUtil.cloneQualifier(cell)), Bytes.toLong(CellUtil.cloneValue(cell)));
            }
        }
        return values;
    }
}
