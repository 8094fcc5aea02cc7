package org.clickstream.dashboard.data;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.Leaderboard;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.core.hbase.Qualifiers;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;

/**
 * Reads the tables of one namespace through pipeline-core's codecs. Every read is bounded however
 * much the tables hold (docs/DASHBOARD.md lists the bounds): minutes are key ranges, "the top
 * brands" (categories, products) are leaderboard rows plus a multi-get of the rows they name, the
 * newest hour is a one-row reversed scan. No table is ever scanned whole.
 */
public final class HBaseMetricsSource implements MetricsSource {
    /**
     * Rows one drill-down reads from {@code metrics_by_brand_minute}, per minute of its range: a
     * brand's key range also holds the rows of brands named {@code <brand>|<digits>...}, skipped.
     */
    static final int BRAND_MINUTE_ROWS_PER_MINUTE = 2;

    private static final List<String> ALL_TIME_MEASURES = List.of(Qualifiers.EVENTS, Qualifiers.REVENUE_CENTS);
    private static final List<String> PRODUCT_MEASURES = List.of(Qualifiers.REVENUE_CENTS, Qualifiers.VIEWS);

    private final String zookeeper;
    private final TableLayout layout;
    private final Configuration configuration;
    private Connection connection;

    public HBaseMetricsSource(String zookeeper, TableLayout layout) {
        this.zookeeper = zookeeper;
        this.layout = layout;
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
    public MetricsData read(int minutes) throws IOException {
        if (minutes < 1) {
            throw new IllegalArgumentException("minutes must be at least 1: " + minutes);
        }
        Reads reads = new Reads(connection());
        Optional<Instant> newest =
                reads.newestKey(layout.table(MetricTable.MINUTE), new Scan()).map(RowKeys::minuteStart);
        List<MinuteMetrics> recent = List.of();
        List<SessionMinute> sessions = List.of();
        if (newest.isPresent()) {
            Scan range = new Scan()
                    .withStartRow(
                            RowKeys.bytes(RowKeys.minuteKey(newest.get().minus(minutes - 1L, ChronoUnit.MINUTES))))
                    .withStopRow(RowKeys.bytes(RowKeys.minuteKeyAfter(newest.get())))
                    .addFamily(TableLayout.METRICS_FAMILY);
            recent = reads.scan(
                    layout.table(MetricTable.MINUTE),
                    new Scan(range),
                    minutes,
                    r -> new MinuteMetrics(RowKeys.minuteStart(RowKeys.string(r.getRow())), counters(r)));
            sessions = reads.scan(
                    layout.sessions(),
                    new Scan(range),
                    minutes,
                    r -> new SessionMinute(
                            RowKeys.minuteStart(RowKeys.string(r.getRow())), SessionCounters.of(CounterCells.read(r))));
        }
        Map<MetricTable, List<Leaderboard>> boards =
                reads.allTimeBoards(List.of(MetricTable.BRAND, MetricTable.CATEGORY, MetricTable.CATEGORY_CODE));
        List<NamedCounters> brands = reads.namedRows(MetricTable.BRAND, boards.get(MetricTable.BRAND));
        List<NamedCounters> categories = reads.namedRows(MetricTable.CATEGORY, boards.get(MetricTable.CATEGORY));
        List<NamedCounters> codes = reads.namedRows(MetricTable.CATEGORY_CODE, boards.get(MetricTable.CATEGORY_CODE));
        ProductHour products = reads.newestProductHour();
        Optional<Counters> allTime = reads.allTimeTotals();
        Optional<HealthRow> health = Optional.ofNullable(
                HealthRow.read(reads.get(layout.pipeline(), List.of(HealthRow.get(HealthRow.PROCESSOR)))[0]));
        return new MetricsData(recent, sessions, allTime, brands, categories, codes, products, health, reads.cost());
    }

    @Override
    public BrandDetail readBrand(String brand, Instant firstMinute, Instant lastMinute) throws IOException {
        Reads reads = new Reads(connection());
        Result row = reads.get(
                        layout.table(MetricTable.BRAND),
                        List.of(new Get(RowKeys.bytes(brand)).addFamily(TableLayout.METRICS_FAMILY)))[0];
        Counters allTime = counters(row);

        int limit = BRAND_MINUTE_ROWS_PER_MINUTE
                * (int) (Duration.between(firstMinute, lastMinute).toMinutes() + 1);
        Scan range = new Scan()
                .withStartRow(RowKeys.bytes(RowKeys.valueMinuteKey(brand, RowKeys.minuteKey(firstMinute))))
                .withStopRow(RowKeys.bytes(RowKeys.valueMinuteKey(brand, RowKeys.minuteKeyAfter(lastMinute))))
                .addFamily(TableLayout.METRICS_FAMILY);
        List<Result> inRange = reads.scan(layout.table(MetricTable.BRAND_MINUTE), range, limit, r -> r);
        // A brand named "b|202009241200|x" has rows inside brand "b"'s range: not b's minutes.
        List<MinuteMetrics> minutes = inRange.stream()
                .filter(r -> RowKeys.valueOfValueMinuteKey(RowKeys.string(r.getRow()))
                        .equals(brand))
                .map(r -> new MinuteMetrics(
                        RowKeys.minuteStart(RowKeys.minuteOfValueMinuteKey(RowKeys.string(r.getRow()))), counters(r)))
                .toList();

        List<Leaderboard> boards = reads.boards(PRODUCT_MEASURES.stream()
                .map(m -> Leaderboard.brandProductsRow(brand, m))
                .toList());
        // By revenue, then (a brand with few sales) by views.
        List<String> ids =
                keysOf(boards, Leaderboard.SIZE).stream().limit(TOP_PRODUCTS).toList();
        Result[] productRows = reads.get(
                layout.table(MetricTable.PRODUCT),
                ids.stream().map(id -> new Get(RowKeys.bytes(id))).toList());
        List<ProductMetrics> products = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            products.add(new ProductMetrics(
                    ids.get(i), Optional.ofNullable(ProductDetails.read(productRows[i])), counters(productRows[i])));
        }
        return new BrandDetail(brand, allTime, minutes, inRange.size() >= limit, products, reads.cost());
    }

    @Override
    public List<String> brandsStartingWith(String prefix, int limit) throws IOException {
        Scan scan = new Scan()
                .setStartStopRowForPrefixScan(RowKeys.bytes(prefix))
                .setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter()));
        return new Reads(connection())
                .scan(
                        layout.table(MetricTable.BRAND),
                        scan,
                        Math.min(limit, MAX_BRAND_MATCHES),
                        r -> RowKeys.string(r.getRow()));
    }

    @Override
    public String describe() {
        return "HBase (ZooKeeper " + zookeeper + ", namespace " + layout.namespace() + ")";
    }

    @Override
    public synchronized void close() throws IOException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** One connection for the feed's thread and the pages' searches (an HBase connection is thread-safe). */
    private synchronized Connection connection() throws IOException {
        if (connection == null || connection.isClosed() || connection.isAborted()) {
            connection = ConnectionFactory.createConnection(configuration);
        }
        return connection;
    }

    /** A row's counters; all zero for a row that does not exist. */
    private static Counters counters(Result row) {
        return row.isEmpty() ? Counters.ZERO : Counters.of(CounterCells.read(row));
    }

    /** The keys of {@code boards}, best first, each board's first {@code perBoard} entries, no key twice. */
    private static Collection<String> keysOf(List<Leaderboard> boards, int perBoard) {
        Set<String> keys = new LinkedHashSet<>();
        boards.forEach(board -> board.entries().stream().limit(perBoard).forEach(entry -> keys.add(entry.key())));
        return keys;
    }

    /** The requests of one read and what they cost. */
    private final class Reads {
        private final Connection connection;
        private final long started = System.nanoTime();
        private int scans;
        private int gets;
        private long rows;

        Reads(Connection connection) {
            this.connection = connection;
        }

        ReadCost cost() {
            return new ReadCost(scans, gets, rows, (System.nanoTime() - started) / 1_000_000);
        }

        /** At most {@code limit} rows of {@code scan}, in key order. */
        <T> List<T> scan(TableName table, Scan scan, int limit, Function<Result, T> decode) throws IOException {
            scan.setLimit(limit).setCaching(Math.min(limit, 1_000));
            scans++;
            List<T> decoded = new ArrayList<>();
            try (Table t = connection.getTable(table);
                    ResultScanner scanner = t.getScanner(scan)) {
                for (Result result : scanner) {
                    rows++;
                    decoded.add(decode.apply(result));
                }
            }
            return decoded;
        }

        /** One multi-get; a row that does not exist comes back as an empty result. */
        Result[] get(TableName table, List<Get> requested) throws IOException {
            if (requested.isEmpty()) {
                return new Result[0];
            }
            gets += requested.size();
            try (Table t = connection.getTable(table)) {
                Result[] results = t.get(requested);
                for (Result result : results) {
                    rows += result.isEmpty() ? 0 : 1;
                }
                return results;
            }
        }

        /** The last row key of a reversed scan {@code bounds} (whole table when unbounded): one key, however many rows. */
        Optional<String> newestKey(TableName table, Scan bounds) throws IOException {
            bounds.setReversed(true).setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter()));
            return scan(table, bounds, 1, r -> RowKeys.string(r.getRow())).stream()
                    .findFirst();
        }

        /** The all-time boards (by events, by revenue) of each table's dimension, in one multi-get. */
        Map<MetricTable, List<Leaderboard>> allTimeBoards(List<MetricTable> tables) throws IOException {
            List<String> rows = new ArrayList<>();
            tables.forEach(table ->
                    ALL_TIME_MEASURES.forEach(measure -> rows.add(Leaderboard.allTimeRow(table.dimension(), measure))));
            List<Leaderboard> read = boards(rows);
            Map<MetricTable, List<Leaderboard>> byTable = new HashMap<>();
            for (int i = 0; i < tables.size(); i++) {
                int first = i * ALL_TIME_MEASURES.size();
                byTable.put(tables.get(i), read.subList(first, first + ALL_TIME_MEASURES.size()));
            }
            return byTable;
        }

        List<Leaderboard> boards(List<String> boardRows) throws IOException {
            Result[] results = get(
                    layout.leaderboards(),
                    boardRows.stream().map(Leaderboard::get).toList());
            List<Leaderboard> boards = new ArrayList<>();
            for (Result result : results) {
                boards.add(Leaderboard.read(result));
            }
            return boards;
        }

        /** The rows of {@code table} the boards name, in the boards' order (each once), those that exist. */
        List<NamedCounters> namedRows(MetricTable table, List<Leaderboard> boards) throws IOException {
            List<String> ordered = List.copyOf(keysOf(boards, Leaderboard.SIZE));
            Result[] results = get(
                    layout.table(table),
                    ordered.stream()
                            .map(key -> new Get(RowKeys.bytes(key)).addFamily(TableLayout.METRICS_FAMILY))
                            .toList());
            List<NamedCounters> named = new ArrayList<>();
            for (int i = 0; i < results.length; i++) {
                if (!results[i].isEmpty()) {
                    named.add(new NamedCounters(ordered.get(i), counters(results[i])));
                }
            }
            return named;
        }

        /** The hourly product boards of the newest hour that has one, and the details of the products shown. */
        ProductHour newestProductHour() throws IOException {
            byte[] prefix = RowKeys.bytes(Leaderboard.productsInHourPrefix());
            byte[] afterPrefix = new Scan().setStartStopRowForPrefixScan(prefix).getStopRow();
            // Reversed: from just below the first key after the prefix down to the prefix.
            Optional<String> hour = newestKey(
                            layout.leaderboards(),
                            new Scan().withStartRow(afterPrefix, false).withStopRow(prefix, true))
                    .flatMap(Leaderboard::hourOfProductsInHourRow);
            if (hour.isEmpty()) {
                return ProductHour.NONE;
            }
            List<Leaderboard> boards = boards(PRODUCT_MEASURES.stream()
                    .map(m -> Leaderboard.productsInHourRow(hour.get(), m))
                    .toList());
            Leaderboard byRevenue = boards.get(PRODUCT_MEASURES.indexOf(Qualifiers.REVENUE_CENTS));
            Leaderboard byViews = boards.get(PRODUCT_MEASURES.indexOf(Qualifiers.VIEWS));
            List<String> ids = List.copyOf(keysOf(boards, TOP_PRODUCTS));
            Result[] details = get(
                    layout.table(MetricTable.PRODUCT),
                    ids.stream()
                            .map(id -> new Get(RowKeys.bytes(id)).addFamily(TableLayout.DETAILS_FAMILY))
                            .toList());
            Map<String, ProductDetails> byId = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                ProductDetails product = ProductDetails.read(details[i]);
                if (product != null) {
                    byId.put(ids.get(i), product);
                }
            }
            Function<Leaderboard, List<RankedProduct>> ranked = board -> board.entries().stream()
                    .limit(TOP_PRODUCTS)
                    .map(e -> new RankedProduct(e.key(), e.value(), Optional.ofNullable(byId.get(e.key()))))
                    .toList();
            return new ProductHour(
                    Optional.of(RowKeys.hourStart(hour.get())), ranked.apply(byRevenue), ranked.apply(byViews));
        }

        /** The processor's one all-time row (every event counted, late ones included); zeros before the first. */
        Optional<Counters> allTimeTotals() throws IOException {
            Result row =
                    get(layout.table(MetricTable.TOTAL), List.of(new Get(RowKeys.bytes(MetricTable.TOTAL_ROW))))[0];
            return Optional.of(counters(row));
        }
    }
}
