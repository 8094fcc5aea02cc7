package org.clickstream.profile;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Prints a progress line every few seconds while Spark works: what the job does (its description),
 * the tasks of the running stages, and about how much of the input has been parsed (bytes;
 * running tasks report theirs with each executor heartbeat). Quiet for work shorter than one interval.
 */
final class ProgressReporter extends SparkListener implements AutoCloseable {
    /** The local property {@code SparkContext.setJobDescription} sets (Spark's constant for it is private). */
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private final SparkContext spark;
    private final PrintStream out;
    private final long inputBytes;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "profile-progress");
        thread.setDaemon(true);
        return thread;
    });
    /** Running stages: id → {tasks done, tasks in all}. */
    private final Map<Integer, AtomicInteger[]> stages = new ConcurrentHashMap<>();
    /** Text parsed: by finished tasks in the accumulator's value, by running ones as their last heartbeat said. */
    private final LongAccumulator bytesRead;

    private final Map<Long, Long> runningBytesRead = new ConcurrentHashMap<>();
    private volatile String job = "starting Spark";
    private final List<String> stageSeconds = new CopyOnWriteArrayList<>();

    private ProgressReporter(SparkContext spark, PrintStream out, long inputBytes) {
        this.spark = spark;
        this.out = out;
        this.inputBytes = inputBytes;
        this.bytesRead = spark.longAccumulator("bytes read");
    }

    /** What the reading tasks count the bytes they parsed in (line ends included), for the progress line. */
    LongAccumulator bytesRead() {
        return bytesRead;
    }

    static ProgressReporter start(SparkContext spark, PrintStream out, long inputBytes, Duration every) {
        ProgressReporter reporter = new ProgressReporter(spark, out, inputBytes);
        spark.addSparkListener(reporter);
        long millis = every.toMillis();
        reporter.timer.scheduleAtFixedRate(reporter::print, millis, millis, TimeUnit.MILLISECONDS);
        return reporter;
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        String description =
                event.properties() == null ? null : event.properties().getProperty(JOB_DESCRIPTION);
        job = description != null ? description : "job " + event.jobId();
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        stages.put(event.stageInfo().stageId(), new AtomicInteger[] {
            new AtomicInteger(), new AtomicInteger(event.stageInfo().numTasks())
        });
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        stages.remove(event.stageInfo().stageId());
        StageInfo info = event.stageInfo();
        if (info.submissionTime().isDefined() && info.completionTime().isDefined()) {
            long millis = (Long) info.completionTime().get()
                    - (Long) info.submissionTime().get();
            stageSeconds.add(String.format(
                    Locale.ROOT, "stage %d (%d tasks) %.2f s", info.stageId(), info.numTasks(), millis / 1e3));
        }
    }

    /** The completed stages and how long each ran, in order of completion. */
    List<String> stageSeconds() {
        return List.copyOf(stageSeconds);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        AtomicInteger[] stage = stages.get(event.stageId());
        if (stage != null) {
            stage[0].incrementAndGet();
        }
        runningBytesRead.remove(event.taskInfo().taskId());
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
        for (Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task :
                JavaConverters.seqAsJavaList(event.accumUpdates())) {
            for (AccumulableInfo info : JavaConverters.seqAsJavaList(task._4())) {
                if (info.id() == bytesRead.id() && info.update().isDefined()) {
                    runningBytesRead.put(
                            (Long) task._1(), ((Number) info.update().get()).longValue());
                }
            }
        }
    }

    private void print() {
        StringBuilder line = new StringBuilder(String.format("profile: %3d s  %s", elapsedSeconds(), job));
        int done = 0;
        int total = 0;
        for (AtomicInteger[] stage : stages.values()) {
            done += stage[0].get();
            total += stage[1].get();
        }
        if (total > 0) {
            line.append(String.format("; tasks %d/%d", done, total));
        }
        long parsed = bytesRead.value()
                + runningBytesRead.values().stream().mapToLong(Long::longValue).sum();
        if (parsed > 0 && parsed < inputBytes) {
            line.append(String.format("; about %d %% of the input read", parsed * 100 / inputBytes));
        }
        out.println(line);
    }

    long elapsedSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        spark.removeSparkListener(this);
    }
}
