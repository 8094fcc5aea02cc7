package org.clickstream.processor;

import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventRules;
import org.clickstream.core.ParseResult;

/**
 * A query's view of the records beside the metrics query: each valid event as one row of the
 * query's own. Rejects are the metrics query's to store ({@link EventRows}); here they are only
 * skipped, as are events before {@code --events-from}. Every query judges a record alike (see
 * {@link KafkaRecords#parse}).
 */
final class ValidEvents implements MapPartitionsFunction<Row, Row> {
    /** The row of one valid event; {@code batch} is the micro-batch it arrived in. */
    interface RowOf extends Serializable {
        Row of(ClickEvent event, BatchContext batch);
    }

    private final EventRules rules;
    private final String checkpoint;
    private final Instant eventsFrom;
    private final RowOf rowOf;

    /** @param eventsFrom events before it belong to a backfill and are left out; {@code null} for none */
    ValidEvents(EventRules rules, String checkpoint, Instant eventsFrom, RowOf rowOf) {
        this.rules = rules;
        this.checkpoint = checkpoint;
        this.eventsFrom = eventsFrom;
        this.rowOf = rowOf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> records) {
        return new Iterator<>() {
            private BatchContext batch;
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && records.hasNext()) {
                    if (batch == null) {
                        batch = BatchContext.ofCurrentTask(checkpoint);
                    }
                    next = rowOf(records.next());
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }

            private Row rowOf(Row record) {
                try {
                    if (KafkaRecords.parse(record, rules, batch) instanceof ParseResult.Valid valid
                            && (eventsFrom == null || !valid.event().eventTime().isBefore(eventsFrom))) {
                        return rowOf.of(valid.event(), batch);
                    }
                } catch (RuntimeException unprocessable) {
                    // The metrics query stores it as a reject; this query just does not see it.
                }
                return null;
            }
        };
    }
}
