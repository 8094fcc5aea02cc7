package org.clickstream.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clickstream.core.testing.LocalStack;

/**
 * Class-data sharing (AppCDS) for the driver JVMs the tests start, about thirty of them in a run.
 * Mapping Spark's classes from an archive instead of loading them from the jars cuts about a third
 * of each start-up's CPU (measured on an idle machine: 33 s to 24 s of CPU, 22 s to 16 s of wall
 * time from launch to the end of one small batch). The archive is written once, by a processor run
 * of its own over the sample file's 5,000 events, in a namespace of its own, and kept while Spark's class path
 * is older than it. It holds classes of the JVM's class path only, Spark's; a JVM with another class
 * path (the backfill puts its jar first) cannot use it. If it cannot be written, the tests run without it.
 */
final class ClassArchive {
    private static final Path ARCHIVE =
            LocalStack.repositoryRoot().resolve("spark-processor/target/processor-classes.jsa");
    private static final Path SPARK_CLASS_PATH =
            LocalStack.repositoryRoot().resolve("local-stack/spark-runtime/target/classpath.txt");
    private static Boolean usable;

    private ClassArchive() {}

    /** The environment with the archive added to the driver's JVM options, when there is one. */
    static synchronized Map<String, String> withArchive(Map<String, String> env) throws Exception {
        if (usable == null) {
            usable = fresh() || write();
        }
        if (!usable) {
            return env;
        }
        // Off, the JVM's cds log would add a warning line to the output tests read if it ever mismatched.
        return ProcessorFixture.withSubmitOptions(env, "-XX:SharedArchiveFile=" + ARCHIVE + " -Xlog:cds*=off");
    }

    private static boolean fresh() throws Exception {
        return Files.isRegularFile(ARCHIVE)
                && Files.isRegularFile(SPARK_CLASS_PATH)
                && Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(SPARK_CLASS_PATH)) > 0;
    }

    private static boolean write() throws Exception {
        Path dir = Files.createTempDirectory("class-archive");
        Path partial = ARCHIVE.resolveSibling("processor-classes.jsa.partial");
        String topic = ProcessorFixture.sendFile(
                LocalStack.repositoryRoot().resolve("data/sample-events.csv"), "class-archive");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        LocalStack.repositoryRoot().resolve("scripts/process").toString(),
                        "--available-now",
                        "--topic",
                        topic,
                        "--namespace",
                        "class_archive",
                        "--take-over",
                        "--checkpoint",
                        dir.resolve("checkpoint").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("processor.log").toFile());
        builder.environment().put("SPARK_SUBMIT_OPTS", "-XX:ArchiveClassesAtExit=" + partial);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return false;
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(partial)) {
            System.err.println("no class-data archive (the tests run without it); see " + dir.resolve("processor.log"));
            return false;
        }
        Files.move(partial, ARCHIVE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
