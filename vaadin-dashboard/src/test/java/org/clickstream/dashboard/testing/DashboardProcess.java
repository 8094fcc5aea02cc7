package org.clickstream.dashboard.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clickstream.core.Endpoints;
import org.clickstream.core.testing.LocalStack;

/** {@code scripts/dashboard} as a user starts it, on a free port, stopped again with SIGTERM. */
public final class DashboardProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final URI uri;

    private DashboardProcess(Process process, Path log, URI uri) {
        this.process = process;
        this.log = log;
        this.uri = uri;
    }

    /** Starts it with {@code args} after {@code --port}, and returns once it serves pages. */
    public static DashboardProcess start(String name, String... args) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                LocalStack.repositoryRoot().resolve("scripts/dashboard").toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HBASE_ZOOKEEPER", Endpoints.hbaseZookeeper());
        DashboardProcess dashboard =
                new DashboardProcess(builder.start(), log, URI.create("http://127.0.0.1:" + port + "/"));
        dashboard.awaitReady(Duration.ofMinutes(3));
        return dashboard;
    }

    public long pid() {
        return process.pid();
    }

    public URI uri() {
        return uri;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "scripts/dashboard exited with " + process.exitValue() + ":\n" + output());
            }
            if (output().contains("dashboard on " + uri)) {
                return;
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("scripts/dashboard did not start within " + timeout + ":\n" + output());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
