package org.clickstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of the pipeline's programs, started the way users start it (a script under {@code scripts/},
 * which execs its JVM, so the pid is the JVM's), with its output in a log file, its wall time from
 * start to exit and its peak RSS.
 */
final class Component implements AutoCloseable {
    /** How often {@link #waitFor} samples the peak RSS (the kernel's high-water mark, so only the last one before exit can miss a rise). */
    private static final long SAMPLE_MILLIS = 100;

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;
    private long endedNanos;
    private long peakRssMb;

    private Component(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** @param environment added to this JVM's environment for the script */
    static Component start(
            Path root, Path logDir, String name, String script, List<String> args, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("scripts").resolve(script).toString());
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        return new Component(name, process, log, started);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return log;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits for the program to end by itself, sampling its peak RSS meanwhile; its exit code. */
    int waitFor(long seconds) throws InterruptedException {
        long deadline = startedNanos + TimeUnit.SECONDS.toNanos(seconds);
        while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            samplePeakRssMb();
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(name + " did not finish within " + seconds + " s; see " + log);
            }
        }
        ended();
        return process.exitValue();
    }

    /** Waits for a successful end; a failure carries the program's log. */
    void awaitSuccess(long seconds) throws InterruptedException, IOException {
        int exit = waitFor(seconds);
        if (exit != 0) {
            throw new IllegalStateException(name + " failed (exit " + exit + "), see " + log + ":\n" + tail(log(), 40));
        }
    }

    /** Seconds from start to exit (JVM start-up included). */
    double wallSeconds() {
        return (endedNanos - startedNanos) / 1e9;
    }

    /** Samples the peak RSS (the kernel's VmHWM) while the process lives. */
    long samplePeakRssMb() {
        peakRssMb = Math.max(peakRssMb, peakRssMb(process.pid()).orElse(0L));
        return peakRssMb;
    }

    long peakRssMb() {
        return peakRssMb;
    }

    /** SIGTERM (the programs stop cleanly on it), SIGKILL after a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            samplePeakRssMb();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            ended();
        }
    }

    private void ended() {
        if (endedNanos == 0) {
            endedNanos = System.nanoTime();
        }
    }

    /** VmHWM of any process, in MB (Linux). */
    static Optional<Long> peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
