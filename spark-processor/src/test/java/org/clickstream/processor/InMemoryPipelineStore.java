package org.clickstream.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PipelineStore} with HBase's put semantics (a put sets the named cells of a row) held in
 * this JVM. Serializable by name, so Spark's local executors (same JVM) write where the test reads.
 */
final class InMemoryPipelineStore implements PipelineStore {
    private static final Map<String, State> STATES = new ConcurrentHashMap<>();

    private final String name = UUID.randomUUID().toString();

    static final class State {
        final Map<MetricTable, Map<String, Map<String, Long>>> metrics = new ConcurrentHashMap<>();
        final Map<String, Reject> rejects = new ConcurrentHashMap<>();
        final Map<String, Long> health = new ConcurrentHashMap<>();
        volatile String healthQueryId;
        volatile int writes;
    }

    InMemoryPipelineStore() {
        STATES.put(name, new State());
    }

    State state() {
        return STATES.get(name);
    }

    /** A metric table as the test compares it: row key, then qualifier. */
    Map<String, Map<String, Long>> table(MetricTable table) {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        state().metrics.getOrDefault(table, Map.of()).forEach((row, cells) -> copy.put(row, new TreeMap<>(cells)));
        return copy;
    }

    @Override
    public void prepare() {
    }

    @Override
    public Writer open() {
        State state = state();
        return new Writer() {
            @Override
            public void putCounters(MetricTable table, String rowKey, Map<String, Long> counters) {
                state.metrics.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                        .computeIfAbsent(rowKey, r -> new ConcurrentHashMap<>())
                        .putAll(counters);
                state.writes++;
            }

            @Override
            public void putReject(Reject reject) {
                state.rejects.put(reject.source(), reject);
            }

            @Override
            public void putHealth(Map<String, Long> values, String queryId) {
                state.health.putAll(values);
                state.healthQueryId = queryId;
            }

            @Override
            public Map<String, Long> readHealth() {
                return new HashMap<>(state.health);
            }

            @Override
            public String readHealthQueryId() {
                return state.healthQueryId;
            }

            @Override
            public void close() {
            }
        };
    }
}
