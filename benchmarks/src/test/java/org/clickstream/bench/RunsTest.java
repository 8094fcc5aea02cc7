package org.clickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsTest {
    private static ObjectNode run(double rate, long rows, String label) {
        ObjectNode run = Workspace.JSON.createObjectNode();
        run.put("label", label);
        run.putObject("processor").put("events_per_s", rate).put("rows", rows);
        return run;
    }

    /** The middle one of the sorted values (even K: the mean of the two middle ones), computed here by sorting. */
    private static double middle(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Test
    void theMedianOfEveryNumberFieldByFieldAndTextFromTheFirstRun() {
        List<ObjectNode> runs = List.of(run(900.5, 7, "a"), run(1200, 3, "b"), run(1000, 11, "c"));

        ObjectNode summary = Runs.summary(runs);

        assertThat(summary.path("runs")).hasSize(3);
        assertThat(summary.path("median").path("processor").path("events_per_s").asDouble())
                .isEqualTo(middle(900.5, 1200, 1000));
        assertThat(summary.path("median").path("processor").path("rows").asLong())
                .isEqualTo((long) middle(7, 3, 11));
        assertThat(summary.path("median").path("label").asText()).isEqualTo("a");
    }

    @Test
    void anEvenNumberOfRunsTakesTheMeanOfTheMiddleTwo() {
        List<ObjectNode> runs = List.of(run(10, 1, "a"), run(40, 4, "b"), run(20, 2, "c"), run(30, 3, "d"));

        ObjectNode median = Runs.median(runs);

        assertThat(median.path("processor").path("events_per_s").asDouble()).isEqualTo(middle(10, 40, 20, 30));
        assertThat(median.path("processor").path("rows").asDouble()).isEqualTo(middle(1, 4, 2, 3));
    }
}
