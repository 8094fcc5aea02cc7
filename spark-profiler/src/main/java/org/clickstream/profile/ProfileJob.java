package org.clickstream.profile;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.clickstream.core.cli.CommandLines;
import org.clickstream.core.cli.ValidationOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/profile} ({@code spark-submit --class org.clickstream.profile.ProfileJob}):
 * the data-quality profile of a CSV file of events, as text, JSON and HTML.
 */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Profiles a CSV file of e-commerce events (the Kaggle layout) with Spark: overview, types, "
                + "describe(), nulls, event types, brands, prices, event and session funnel, cardinality, categories, "
                + "price segments, top categories and products. Statistics are over the valid rows (CONTRACT.md); "
                + "malformed rows are counted.",
        footer =
                "%nscripts/profile also takes --driver-memory SIZE (default 1g) and --master MASTER (default local[*]) "
                        + "for spark-submit.")
public final class ProfileJob implements Callable<Integer> {
    /** Spark settings for a batch on a few local cores, each applied unless given with --conf. */
    private static final Map<String, String> SPARK_DEFAULTS = Map.of(
            // A batch job read once: no web UI to start.
            "spark.ui.enabled", "false",
            // Our own progress lines replace Spark's console progress bar; running tasks report how
            // much input they have read with each heartbeat.
            "spark.ui.showConsoleProgress", "false",
            "spark.executor.heartbeatInterval", "3s");

    /** What Hadoop's path globbing gives a meaning, escaped in the input's name (see {@link #hadoopPath}). */
    private static final Pattern GLOB_CHARACTERS = Pattern.compile("[\\\\*?\\[\\]{}]");

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "CSV file to profile (a header line is optional; .gz is read too).")
    Path input;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write the text report here (default: standard output).")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the profile as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML report with charts.")
    Path html;

    @Option(
            names = "--top-brands",
            defaultValue = "20",
            paramLabel = "N",
            description =
                    "Brands listed in the text and HTML brand tables (default: ${DEFAULT-VALUE}; the JSON has all).")
    int topBrands;

    @Option(
            names = "--top",
            defaultValue = "10",
            paramLabel = "N",
            description =
                    "Categories and products listed in the top tables, in every report (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--session-gap",
            paramLabel = "DURATION",
            defaultValue = "30 minutes",
            description = "A session ends before an event this long after the previous one, as the processor's "
                    + "--session-gap ('30 minutes', '90 seconds'; default: ${DEFAULT-VALUE}).")
    String sessionGap;

    @Mixin
    ValidationOptions validation;

    @Option(
            names = "--progress-seconds",
            defaultValue = "5",
            paramLabel = "S",
            description = "Seconds between progress lines on standard error (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    /** The context this command line ran on, stopped by {@link #main}. */
    private static volatile SparkContext started;

    private final PrintStream stdout;
    private final PrintStream stderr;

    ProfileJob(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        int exitCode = run(System.out, System.err, args);
        if (started != null) {
            started.stop();
        }
        System.exit(exitCode);
    }

    /** Runs the command line; the exit code is 0, 1 for a failure, 2 for a usage error. */
    static int run(PrintStream stdout, PrintStream stderr, String... args) {
        return CommandLines.of(new ProfileJob(stdout, stderr), e -> "profile failed: " + rootMessage(e))
                .setOut(new PrintWriter(stdout, true))
                .setErr(new PrintWriter(stderr, true))
                .execute(args);
    }

    /** Profiles one file: reads and parses it with Spark, then computes every section. */
    public static ProfileResult profile(JavaSparkContext spark, Path file, Profiler.Settings settings)
            throws IOException {
        return Profiler.profile(
                spark,
                hadoopPath(file),
                file.toString(),
                Files.size(file),
                settings,
                spark.sc().longAccumulator());
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (topBrands < 0 || top < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), (topBrands < 0 ? "--top-brands" : "--top") + " must be 0 or more");
        }
        Profiler.Settings settings = Profiler.Settings.defaults()
                .withSessionGap(CommandLines.positiveDuration(spec, "--session-gap", sessionGap))
                .withTop(top)
                .withRules(validation.rules(), Instant.now());
        String problem = inputProblem(input);
        for (Path output : new Path[] {report, json, html}) {
            problem = problem != null ? problem : outputProblem(output);
        }
        if (problem != null) {
            stderr.println("error: " + problem);
            return 1;
        }
        Timings timings = new Timings();
        JavaSparkContext spark = context();
        timings.lap("Spark start");
        stderr.printf(
                Locale.ROOT,
                "profile: %s (%s) with Spark %s%n",
                input,
                Formats.humanBytes(Files.size(input)),
                spark.master());
        ProfileResult result;
        try (ProgressReporter progress = ProgressReporter.start(
                spark.sc(), stderr, Files.size(input), Duration.ofSeconds(Math.max(1, progressSeconds)))) {
            result = Profiler.profile(
                    spark, hadoopPath(input), input.toString(), Files.size(input), settings, progress.bytesRead());
            timings.stages(progress.stageSeconds());
        }
        timings.lap("merge");
        Report model = ReportModel.of(result, topBrands);
        if (report == null) {
            TextReport.write(model, new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)));
        } else {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8))) {
                TextReport.write(model, out);
            }
        }
        if (json != null) {
            try (Writer out = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                JsonReport.write(model, out);
            }
        }
        if (html != null) {
            try (Writer out = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
                HtmlReport.write(model, out);
            }
        }
        timings.lap("reports");
        stderr.printf(
                Locale.ROOT,
                "profile: done in %.1f s: %,d records, %,d malformed rows%s%n",
                timings.total(),
                result.overview().records(),
                result.overview().malformedRows(),
                written());
        stderr.println("profile: time " + timings);
        return 0;
    }

    /**
     * Where the run's time went, from the JVM's start: to {@code main} (JVM and spark-submit start),
     * then each lap, the Spark stages' own durations within the job.
     */
    private static final class Timings {
        private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        private final StringBuilder laps = new StringBuilder();
        private long lastMillis = System.currentTimeMillis();

        Timings() {
            laps.append(String.format(Locale.ROOT, "JVM and spark-submit %.2f s", (lastMillis - jvmStartMillis) / 1e3));
        }

        void lap(String what) {
            long now = System.currentTimeMillis();
            laps.append(String.format(Locale.ROOT, ", %s %.2f s", what, (now - lastMillis) / 1e3));
            lastMillis = now;
        }

        void stages(List<String> stages) {
            long now = System.currentTimeMillis();
            laps.append(String.format(Locale.ROOT, ", job %.2f s %s", (now - lastMillis) / 1e3, stages));
            lastMillis = now;
        }

        double total() {
            return (System.currentTimeMillis() - jvmStartMillis) / 1e3;
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    private String written() {
        List<String> files = new ArrayList<>();
        for (Path file : new Path[] {report, json, html}) {
            if (file != null) {
                files.add(file.toString());
            }
        }
        return files.isEmpty() ? "" : "; wrote " + String.join(", ", files);
    }

    /** The running context (tests), or a new one configured for this job (spark-submit sets the master). */
    private static JavaSparkContext context() {
        SparkConf conf = new SparkConf().setAppName("clickstream-profile");
        SPARK_DEFAULTS.forEach(conf::setIfMissing);
        started = SparkContext.getOrCreate(conf);
        return JavaSparkContext.fromSparkContext(started);
    }

    static String inputProblem(Path file) {
        if (!Files.exists(file)) {
            return "input file not found: " + file;
        }
        if (Files.isDirectory(file)) {
            return "input is a directory, not a CSV file: " + file;
        }
        if (!Files.isReadable(file)) {
            return "input file is not readable (permissions): " + file;
        }
        return null;
    }

    static String outputProblem(Path file) {
        if (file == null) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return "output is a directory: " + file;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "output folder does not exist: " + (parent == null ? file : parent);
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            return "output is not writable: " + file;
        }
        return null;
    }

    /**
     * The file as Hadoop's input formats take it: absolute, on the local file system, with the
     * characters their glob patterns give a meaning (* ? [ ] { } \) escaped.
     */
    static String hadoopPath(Path file) {
        return "file://"
                + GLOB_CHARACTERS
                        .matcher(file.toAbsolutePath().normalize().toString())
                        .replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
