package org.clickstream.processor;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clickstream.core.hbase.Dimension;
import org.clickstream.core.hbase.Leaderboard;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.Qualifiers;
import org.clickstream.core.hbase.RowKeys;

/**
 * Keeps the leaderboards of docs/CONTRACT.md from a batch's changed totals. Each task keeps, per
 * board, only its best {@link Leaderboard#SIZE} changes (a change below that cannot enter the merged
 * board); the candidates are then gathered on the driver, and each board is merged with its stored
 * self (see {@link Leaderboard#merge}).
 */
final class Boards {
    static final String BOARD = "board";
    static final String KEY = "key";
    static final String VALUE = "value";
    static final String BY_ID = "by_id";
    static final StructType CANDIDATES = new StructType()
            .add(BOARD, DataTypes.StringType, false)
            .add(KEY, DataTypes.StringType, false)
            .add(VALUE, DataTypes.LongType, false)
            .add(BY_ID, DataTypes.BooleanType, false);

    private static final List<String> ALL_TIME_MEASURES = List.of(Qualifiers.EVENTS, Qualifiers.REVENUE_CENTS);
    private static final List<String> BRAND_PRODUCT_MEASURES = List.of(Qualifiers.REVENUE_CENTS, Qualifiers.VIEWS);

    private Boards() {}

    /** One task's candidates, pruned per board to the best {@link Leaderboard#SIZE}. */
    static final class Candidates {
        private final Map<String, Leaderboard> boards = new HashMap<>();
        private final Map<String, Dimension> dimensions = new HashMap<>();

        void add(Aggregate aggregate) {
            MetricTable table = aggregate.table();
            String value = aggregate.value();
            Map<String, Long> counters = aggregate.counters();
            if (table.perMinute()) {
                return;
            }
            switch (table.dimension()) {
                case NONE, PRODUCT -> {
                    // The total has nothing to rank; products are ranked per hour and per brand.
                }
                case BRAND_PRODUCT -> {
                    String brand = Dimension.brandOf(value);
                    String product = Dimension.productOf(value);
                    for (String measure : BRAND_PRODUCT_MEASURES) {
                        offer(
                                Leaderboard.brandProductsRow(brand, measure),
                                Dimension.PRODUCT,
                                product,
                                counters.get(measure));
                    }
                }
                default -> {
                    for (String measure : ALL_TIME_MEASURES) {
                        offer(
                                Leaderboard.allTimeRow(table.dimension(), measure),
                                table.dimension(),
                                value,
                                counters.get(measure));
                    }
                }
            }
        }

        /** A products-per-hour row of the aggregation (see {@link Aggregate#isProductHour}). */
        void productHour(Row row) {
            String hour =
                    RowKeys.hourKey(row.<Timestamp>getAs(MetricsQuery.KEY_TIME).toInstant());
            String product = row.getAs(MetricsQuery.VALUE);
            long revenueCents = row.getAs(Qualifiers.REVENUE_CENTS);
            long views = row.getAs(Qualifiers.VIEWS);
            offer(
                    Leaderboard.productsInHourRow(hour, Qualifiers.REVENUE_CENTS),
                    Dimension.PRODUCT,
                    product,
                    revenueCents);
            offer(Leaderboard.productsInHourRow(hour, Qualifiers.VIEWS), Dimension.PRODUCT, product, views);
        }

        private void offer(String board, Dimension dimension, String key, long value) {
            if (value <= 0) {
                return;
            }
            dimensions.put(board, dimension);
            Leaderboard current = boards.getOrDefault(board, Leaderboard.EMPTY);
            boards.put(board, current.merge(Map.of(key, value), dimension.valueOrder(), Leaderboard.SIZE));
        }

        List<Row> rows() {
            List<Row> rows = new ArrayList<>();
            boards.forEach((board, entries) -> entries.entries()
                    .forEach(entry -> rows.add(RowFactory.create(
                            board, entry.key(), entry.value(), dimensions.get(board) == Dimension.PRODUCT))));
            return rows;
        }
    }

    /** Merges a batch's candidates into the stored boards. */
    static void merge(PipelineStore store, Iterator<Row> candidates) throws Exception {
        List<Row> all = new ArrayList<>();
        candidates.forEachRemaining(all::add);
        if (all.isEmpty()) {
            return;
        }
        try (PipelineStore.Writer writer = store.open()) {
            Map<String, Leaderboard> stored = writer.readBoards(
                    all.stream().map(row -> row.getString(0)).distinct().toList());
            for (Map.Entry<String, Leaderboard> board :
                    mergedBoards(all.iterator(), stored).entrySet()) {
                writer.putBoard(board.getKey(), board.getValue());
            }
        }
    }

    /** The boards the candidates make, each merged with its stored board (none: an empty one). */
    static Map<String, Leaderboard> mergedBoards(Iterator<Row> candidates, Map<String, Leaderboard> stored) {
        Map<String, Map<String, Long>> changes = new LinkedHashMap<>();
        Map<String, Dimension> dimensions = new HashMap<>();
        while (candidates.hasNext()) {
            Row row = candidates.next();
            String board = row.getString(0);
            changes.computeIfAbsent(board, b -> new HashMap<>()).merge(row.getString(1), row.getLong(2), Math::max);
            dimensions.put(board, row.getBoolean(3) ? Dimension.PRODUCT : Dimension.BRAND);
        }
        Map<String, Leaderboard> merged = new LinkedHashMap<>();
        changes.forEach((board, values) -> merged.put(
                board,
                stored.getOrDefault(board, Leaderboard.EMPTY)
                        .merge(values, dimensions.get(board).valueOrder(), Leaderboard.SIZE)));
        return merged;
    }
}
