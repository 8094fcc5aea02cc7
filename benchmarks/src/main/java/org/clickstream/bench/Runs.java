package org.clickstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/** K runs of one measurement: every run's results, and their medians field by field. */
final class Runs {
    private Runs() {}

    /** {"runs": [...], "median": {...}}: the median has the shape of one run, every number the median over the runs. */
    static ObjectNode summary(List<ObjectNode> runs) {
        ObjectNode summary = Workspace.JSON.createObjectNode();
        ArrayNode all = summary.putArray("runs");
        runs.forEach(all::add);
        summary.set("median", median(runs));
        return summary;
    }

    /**
     * Numbers: the median over the runs (commons-math: the mean of the two middle ones for an even K);
     * objects field by field; anything else (text, lists) as in the first run.
     */
    static ObjectNode median(List<ObjectNode> runs) {
        ObjectNode median = Workspace.JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : iterable(runs.get(0))) {
            String name = field.getKey();
            JsonNode first = field.getValue();
            if (first.isNumber() && runs.stream().allMatch(r -> r.path(name).isNumber())) {
                double value = new Median()
                        .evaluate(runs.stream()
                                .mapToDouble(r -> r.path(name).asDouble())
                                .toArray());
                if (first.isIntegralNumber() && value == Math.rint(value)) {
                    median.put(name, (long) value);
                } else {
                    median.put(name, value);
                }
            } else if (first.isObject()
                    && runs.stream().allMatch(r -> r.path(name).isObject())) {
                median.set(
                        name,
                        median(runs.stream().map(r -> (ObjectNode) r.get(name)).toList()));
            } else {
                median.set(name, first.deepCopy());
            }
        }
        return median;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode node) {
        return node::fields;
    }
}
