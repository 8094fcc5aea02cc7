package org.clickstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of the pipeline's programs, started the way users start it (a script under {@code scripts/},
 * which execs its JVM, so the pid is the JVM's), with its output in a log file.
 */
final class Component implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private long peakRssMb;

    private Component(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Component start(Path root, Path logDir, String name, String script, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("scripts").resolve(script).toString());
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Component(name, process, log);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits for the program to end by itself; its exit code. */
    int waitFor(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not finish within " + seconds + " s; see " + log);
        }
        return process.exitValue();
    }

    /** Samples the peak RSS (the kernel's VmHWM) while the process lives; call before stopping it. */
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
}
