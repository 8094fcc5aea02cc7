package org.clickstream.processor;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellComparator;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.clickstream.core.hbase.CounterCells;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.Leaderboard;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.core.hbase.RejectRow;

/**
 * A {@link PipelineStore} with HBase's put semantics (a put sets the named cells of a row), encoded
 * by pipeline-core's codecs as the HBase store does, held in this JVM. Serializable by name, so
 * Spark's local executors (same JVM) write where the test reads.
 */
final class InMemoryPipelineStore implements PipelineStore {
    private static final Map<String, State> STATES = new ConcurrentHashMap<>();

    private final String name = UUID.randomUUID().toString();

    static final class State {
        final Map<String, Map<String, Map<String, Long>>> tables = new ConcurrentHashMap<>();
        final Map<String, List<String>> productDetails = new ConcurrentHashMap<>();
        final Map<String, RejectRow> rejects = new ConcurrentHashMap<>();
        final Map<String, HealthRow> health = new ConcurrentHashMap<>();
        final Map<String, Leaderboard> boards = new ConcurrentHashMap<>();
        /** A backfill's base totals: table, row key, qualifier. */
        final Map<String, Map<String, Map<String, Long>>> bases = new ConcurrentHashMap<>();
    }

    InMemoryPipelineStore() {
        STATES.put(name, new State());
    }

    State state() {
        return STATES.get(name);
    }

    /** A counter table as the test compares it: row key, then qualifier (only the cells stored). */
    Map<String, Map<String, Long>> table(String table) {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        state().tables.getOrDefault(table, Map.of()).forEach((row, cells) -> copy.put(row, new TreeMap<>(cells)));
        return copy;
    }

    Map<String, List<Map.Entry<String, Long>>> leaderboards() {
        Map<String, List<Map.Entry<String, Long>>> boards = new TreeMap<>();
        state().boards
                .forEach((row, board) -> boards.put(
                        row,
                        board.entries().stream()
                                .map(e -> Map.entry(e.key(), e.value()))
                                .toList()));
        return boards;
    }

    @Override
    public void prepare() {}

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public Writer open() {
        State state = state();
        return new Writer() {
            @Override
            public void putCounters(String table, String rowKey, Map<String, Long> counters, ProductDetails details) {
                // Through the codec, so that what is stored is what HBase would store (no zero cells).
                Put put = CounterCells.put(rowKey, counters);
                List<Cell> cells = new java.util.ArrayList<>();
                put.getFamilyCellMap().values().forEach(cells::addAll);
                cells.sort(CellComparator.getInstance());
                state.tables
                        .computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                        .computeIfAbsent(rowKey, r -> new ConcurrentHashMap<>())
                        .putAll(CounterCells.read(Result.create(cells)));
                if (details != null) {
                    state.productDetails.put(rowKey, List.of(details.brand(), details.categoryCode()));
                }
            }

            @Override
            public Map<String, Map<String, Long>> readBases(String table, List<String> rowKeys) {
                Map<String, Map<String, Long>> bases = new HashMap<>();
                rowKeys.forEach(key -> {
                    Map<String, Long> base =
                            state.bases.getOrDefault(table, Map.of()).get(key);
                    if (base != null) {
                        bases.put(key, base);
                    }
                });
                return bases;
            }

            @Override
            public void putReject(RejectRow reject) {
                state.rejects.put(reject.source(), reject);
            }

            @Override
            public void putHealth(String row, HealthRow health) {
                state.health.put(row, health);
            }

            @Override
            public HealthRow readHealth(String row) {
                return state.health.get(row);
            }

            @Override
            public Map<String, Leaderboard> readBoards(Collection<String> rows) {
                Map<String, Leaderboard> boards = new HashMap<>();
                rows.forEach(row -> boards.put(row, state.boards.getOrDefault(row, Leaderboard.EMPTY)));
                return boards;
            }

            @Override
            public void putBoard(String row, Leaderboard board) {
                state.boards.put(row, board);
            }

            @Override
            public void close() {}
        };
    }
}
