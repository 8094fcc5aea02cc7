package org.clickstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a Spark job's time went, from Spark's own event log ({@code spark.eventLog.enabled}): per
 * stage name (its call site, e.g. {@code foreachPartition at MetricsQuery.java:120}) the stages, their
 * wall time (submission to completion), their tasks' run time and the JVM's GC time within it.
 */
final class SparkEventLog {
    private SparkEventLog() {}

    /** The system properties that make spark-submit write the log into {@code dir} (SPARK_SUBMIT_OPTS). */
    static String submitOptions(Path dir) {
        return "-Dspark.eventLog.enabled=true -Dspark.eventLog.compress=false -Dspark.eventLog.dir=" + dir.toUri();
    }

    private static final class Stage {
        long stages;
        long tasks;
        long wallMs;
        long runMs;
        long gcMs;
    }

    static ObjectNode summary(Path dir) throws IOException {
        Map<Long, String> stageNames = new LinkedHashMap<>();
        Map<String, Stage> byName = new LinkedHashMap<>();
        Map<Long, long[]> taskTimes = new LinkedHashMap<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        for (Path log : logs) {
            try (BufferedReader lines = Files.newBufferedReader(log)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode event = Workspace.JSON.readTree(line);
                    switch (event.path("Event").asText()) {
                        case "SparkListenerTaskEnd" -> {
                            long[] times = taskTimes.computeIfAbsent(
                                    event.path("Stage ID").asLong(), id -> new long[3]);
                            times[0]++;
                            times[1] += event.path("Task Metrics")
                                    .path("Executor Run Time")
                                    .asLong();
                            times[2] += event.path("Task Metrics")
                                    .path("JVM GC Time")
                                    .asLong();
                        }
                        case "SparkListenerStageCompleted" -> {
                            JsonNode info = event.path("Stage Info");
                            long id = info.path("Stage ID").asLong();
                            String name = info.path("Stage Name").asText();
                            stageNames.put(id, name);
                            Stage stage = byName.computeIfAbsent(name, n -> new Stage());
                            stage.stages++;
                            stage.wallMs += info.path("Completion Time").asLong()
                                    - info.path("Submission Time").asLong();
                        }
                        default -> {}
                    }
                }
            }
        }
        taskTimes.forEach((id, times) -> {
            Stage stage = byName.get(stageNames.get(id));
            if (stage != null) {
                stage.tasks += times[0];
                stage.runMs += times[1];
                stage.gcMs += times[2];
            }
        });
        ObjectNode result = Workspace.JSON.createObjectNode();
        result.put(
                "task_run_ms", byName.values().stream().mapToLong(s -> s.runMs).sum());
        result.put("task_gc_ms", byName.values().stream().mapToLong(s -> s.gcMs).sum());
        ObjectNode stages = result.putObject("stages_by_name");
        byName.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Stage> e) -> e.getValue().wallMs)
                        .reversed())
                .forEach(e -> stages.putObject(e.getKey())
                        .put("stages", e.getValue().stages)
                        .put("tasks", e.getValue().tasks)
                        .put("wall_ms", e.getValue().wallMs)
                        .put("task_run_ms", e.getValue().runMs)
                        .put("task_gc_ms", e.getValue().gcMs));
        return result;
    }
}
