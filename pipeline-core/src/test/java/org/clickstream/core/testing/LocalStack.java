package org.clickstream.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.clickstream.core.Endpoints;

/**
 * The real Kafka and HBase the integration tests run against: those of {@code scripts/stack},
 * addressed as the programs address them ({@link Endpoints}: scripts/test points the environment at
 * a separate test stack). When nothing answers
 * there, {@link #ensureRunning()} starts the stack and stops it again when the JVM exits.
 */
public final class LocalStack {
    private static boolean checked;

    private LocalStack() {}

    /** The repository's top folder (where {@code scripts/} lives), found from the working directory. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/stack"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "scripts/stack not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Where the stack keeps its state: {@code $STACK_DIR}, as for the scripts, else {@code .stack}. */
    public static Path stackDir() {
        String dir = System.getenv("STACK_DIR");
        return dir == null || dir.isBlank() ? repositoryRoot().resolve(".stack") : Path.of(dir);
    }

    /** The pid of one of the stack's services ({@code kafka} or {@code hbase}). */
    public static long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(stackDir().resolve(service).resolve(service + ".pid"))
                .trim());
    }

    public static synchronized void ensureRunning() {
        if (checked) {
            return;
        }
        if (!(reachable(Endpoints.kafkaBootstrap()) && reachable(Endpoints.hbaseZookeeper()))) {
            run("start");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run("stop")));
        }
        checked = true;
    }

    /** Runs {@code scripts/stack ARGS} with this JVM's environment, failing the test on a non-zero exit. */
    public static void run(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = repositoryRoot().resolve("scripts/stack").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("scripts/stack " + String.join(" ", args) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "scripts/stack " + String.join(" ", args) + " exited with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/stack", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean reachable(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
