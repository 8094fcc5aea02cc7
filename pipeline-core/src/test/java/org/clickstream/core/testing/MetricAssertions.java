package org.clickstream.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

/**
 * Compares a counter table with the independent computation: the same rows with the same cells
 * (zero counters are absent on both sides), every counter exact, the two unique counts within the
 * contract's 5 %.
 */
public final class MetricAssertions {
    private static final Set<String> APPROXIMATE = Set.of("unique_users", "unique_sessions");

    private MetricAssertions() {}

    public static void assertSameMetrics(
            String table, Map<String, Map<String, Long>> actual, Map<String, Map<String, Long>> expected) {
        assertThat(actual.keySet()).as("%s: row keys", table).isEqualTo(expected.keySet());
        for (Map.Entry<String, Map<String, Long>> row : expected.entrySet()) {
            Map<String, Long> cells = actual.get(row.getKey());
            assertThat(cells.keySet())
                    .as("%s row %s: qualifiers", table, row.getKey())
                    .isEqualTo(row.getValue().keySet());
            for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
                long want = cell.getValue();
                long got = cells.get(cell.getKey());
                if (APPROXIMATE.contains(cell.getKey())) {
                    assertThat((double) got)
                            .as("%s row %s %s (within 5 %%)", table, row.getKey(), cell.getKey())
                            .isBetween(want * 0.95, want * 1.05);
                } else {
                    assertThat(got)
                            .as("%s row %s %s", table, row.getKey(), cell.getKey())
                            .isEqualTo(want);
                }
            }
        }
    }
}
