package org.clickstream.processor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.clickstream.core.hbase.MetricTable;

/**
 * Writes the changed aggregates of one task to the store: each as the absolute counters of its row
 * (and a product's details). After a backfill ({@code addBase}), an all-time row is the backfill's
 * base plus what the stream has counted; the bases are read a thousand rows at a time.
 * {@link WithBoards} also hands on what may change a leaderboard.
 */
class UpdateWriter implements AutoCloseable {
    private static final int BASES_PER_READ = 1_000;

    private final PipelineStore.Writer writer;
    private final Boards.Candidates candidates;
    private final boolean addBase;
    private final List<Aggregate> allTime = new ArrayList<>();

    UpdateWriter(PipelineStore store, boolean boards, boolean addBase) throws Exception {
        this.writer = store.open();
        this.candidates = boards ? new Boards.Candidates() : null;
        this.addBase = addBase;
    }

    void write(Row row) {
        if (Aggregate.isProductHour(row)) {
            candidates.productHour(row);
            return;
        }
        Aggregate aggregate = Aggregate.of(row);
        if (addBase && !aggregate.table().perMinute()) {
            allTime.add(aggregate);
            if (allTime.size() >= BASES_PER_READ) {
                writeAllTime();
            }
        } else {
            put(aggregate);
        }
    }

    /** Writes what is still buffered; returns the leaderboard candidates of everything written. */
    List<Row> finish() {
        writeAllTime();
        return candidates == null ? List.of() : candidates.rows();
    }

    private void writeAllTime() {
        if (allTime.isEmpty()) {
            return;
        }
        Map<MetricTable, List<Aggregate>> byTable = new LinkedHashMap<>();
        allTime.forEach(
                p -> byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p));
        for (Map.Entry<MetricTable, List<Aggregate>> table : byTable.entrySet()) {
            Map<String, Map<String, Long>> bases;
            try {
                bases = writer.readBases(
                        table.getKey().simpleName(),
                        table.getValue().stream().map(Aggregate::rowKey).toList());
            } catch (Exception e) {
                throw new IllegalStateException(
                        "cannot read the backfill's totals of " + table.getKey().simpleName(), e);
            }
            for (Aggregate p : table.getValue()) {
                Map<String, Long> total = new LinkedHashMap<>(p.counters());
                bases.getOrDefault(p.rowKey(), Map.of())
                        .forEach((qualifier, base) -> total.merge(qualifier, base, Math::addExact));
                put(p.withCounters(total));
            }
        }
        allTime.clear();
    }

    private void put(Aggregate p) {
        try {
            writer.putCounters(p.table().simpleName(), p.rowKey(), p.counters(), p.details());
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + p.table().simpleName() + " row " + p.rowKey(), e);
        }
        if (candidates != null) {
            candidates.add(p);
        }
    }

    @Override
    public void close() throws Exception {
        finish();
        writer.close();
    }

    /** As a Spark function: writes every row, then returns the leaderboard candidates of the task. */
    static final class WithBoards implements MapPartitionsFunction<Row, Row> {
        private final PipelineStore store;
        private final boolean addBase;

        WithBoards(PipelineStore store, boolean addBase) {
            this.store = store;
            this.addBase = addBase;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) throws Exception {
            List<Row> result;
            try (UpdateWriter writer = new UpdateWriter(store, true, addBase)) {
                rows.forEachRemaining(writer::write);
                result = writer.finish();
            }
            return result.iterator();
        }
    }
}
