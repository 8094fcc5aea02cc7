package org.clickstream.processor;

import java.sql.Timestamp;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.core.hbase.Qualifiers;

/**
 * Writes the changed aggregates of one task to the store: each as the absolute counters of its row
 * (and a product's details). {@link WithBoards} also hands on what may change a leaderboard.
 */
class UpdateWriter implements AutoCloseable {
    private final PipelineStore.Writer writer;
    private final Boards.Candidates candidates;

    UpdateWriter(PipelineStore store, boolean boards) throws Exception {
        this.writer = store.open();
        this.candidates = boards ? new Boards.Candidates() : null;
    }

    void write(Row row) {
        String code = row.getAs(MetricsQuery.TABLE);
        String value = row.getAs(MetricsQuery.VALUE);
        if (code.equals(MetricsQuery.PRODUCT_HOUR)) {
            Timestamp hourEnd = row.getAs(MetricsQuery.KEY_TIME);
            candidates.productHour(hourEnd.toInstant(), value, row.<Long>getAs(Qualifiers.REVENUE_CENTS), row.<Long>getAs(Qualifiers.VIEWS));
            return;
        }
        MetricTable table = MetricTable.ofCode(code);
        Timestamp keyTime = row.getAs(MetricsQuery.KEY_TIME);
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String qualifier : table.counters()) {
            counters.put(qualifier, ((Number) row.getAs(qualifier)).longValue());
        }
        ProductDetails details = null;
        if (table == MetricTable.PRODUCT) {
            Row latest = row.getAs(MetricsQuery.LATEST);
            details = new ProductDetails(latest.getString(1), latest.getString(2));
        }
        try {
            writer.putCounters(table.simpleName(), table.rowKey(keyTime == null ? null : keyTime.toInstant(), value), counters, details);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + table.simpleName() + " row " + value, e);
        }
        if (candidates != null) {
            candidates.add(table, value, counters, details);
        }
    }

    @Override
    public void close() throws Exception {
        writer.close();
    }

    /** As a Spark function: writes every row, then returns the leaderboard candidates of the task. */
    static final class WithBoards implements MapPartitionsFunction<Row, Row> {
        private final PipelineStore store;

        WithBoards(PipelineStore store) {
            this.store = store;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) throws Exception {
            List<Row> result;
            try (UpdateWriter writer = new UpdateWriter(store, true)) {
                rows.forEachRemaining(writer::write);
                result = writer.candidates.rows();
            }
            return result.iterator();
        }
    }
}
