package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.clickstream.core.testing.LocalStack;

/**
 * The multi-node cluster of {@code scripts/cluster}, started and stopped by a test exactly as a user
 * does: its own state folder and ports, its addresses taken from {@code scripts/cluster env}.
 */
final class LoopbackCluster {
    private static final Pattern STATUS_LINE =
            Pattern.compile("^(\\S+)\\s+running\\s+pid (\\d+)\\s+ports \\(127\\.0\\.0\\.1\\):(.*)$");

    private final Path stackDir;
    private final Map<String, String> scriptEnv;
    /** What {@code scripts/cluster env} prints: KAFKA_BOOTSTRAP, HBASE_ZOOKEEPER, SPARK_MASTER, ... */
    final Map<String, String> env = new HashMap<>();
    /** Each member's ports, as status listed them once everything ran. */
    final Map<String, List<Integer>> ports = new LinkedHashMap<>();

    private boolean stopped;

    private LoopbackCluster(Path stackDir, int portOffset) {
        this.stackDir = stackDir;
        // C1 only for the brokers and HBase servers too: the test's cluster lives minutes, at 150 events/s.
        this.scriptEnv = Map.of(
                "STACK_DIR",
                stackDir.toString(),
                "CLUSTER_PORT_OFFSET",
                Integer.toString(portOffset),
                "CLUSTER_DATA_JVM_FLAGS",
                "-XX:TieredStopAtLevel=1");
    }

    /**
     * A fresh cluster, started with {@code scripts/cluster start}; stopped again if that fails. What a
     * run killed half-way may have left in the folder is stopped first, then the folder is emptied.
     */
    static LoopbackCluster start(Path stackDir, int portOffset) throws Exception {
        LoopbackCluster cluster = new LoopbackCluster(stackDir, portOffset);
        if (Files.exists(stackDir)) {
            cluster.run(5, "stop");
        }
        deleteRecursively(stackDir);
        try {
            cluster.run(10, "start");
            cluster.readStatusAndEnv();
        } catch (Exception | AssertionError e) {
            cluster.stopQuietly();
            throw e;
        }
        return cluster;
    }

    private void readStatusAndEnv() throws Exception {
        String status = run(1, "status");
        for (String line : status.lines().toList()) {
            Matcher member = STATUS_LINE.matcher(line);
            if (member.matches()) {
                ports.put(
                        member.group(1),
                        Stream.of(member.group(3).trim().split("\\s+"))
                                .map(Integer::valueOf)
                                .toList());
            }
        }
        assertThat(ports).as("members running after start:%n%s", status).hasSize(13);
        for (String line : run(1, "env").lines().toList()) {
            String assignment = line.replaceFirst("^export ", "");
            env.put(
                    assignment.substring(0, assignment.indexOf('=')),
                    assignment.substring(assignment.indexOf('=') + 1));
        }
    }

    /** Runs {@code scripts/cluster ARGS}, failing on a non-zero exit; returns what it printed on stdout. */
    String run(int minutes, String... args) throws Exception {
        return await(startScript(args), minutes);
    }

    /** Starts {@code scripts/cluster ARGS} in the background ({@link #await} it). */
    Script startScript(String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(LocalStack.repositoryRoot().resolve("scripts/cluster").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cluster-", ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(scriptEnv);
        return new Script(String.join(" ", args), builder.start(), out);
    }

    /** A run of scripts/cluster: its arguments, its process, the file its stdout goes to. */
    record Script(String args, Process process, Path out) {}

    /** Waits for the script, failing on a non-zero exit or after the given minutes; returns its stdout. */
    static String await(Script script, int minutes) throws Exception {
        try {
            if (!script.process().waitFor(minutes, TimeUnit.MINUTES)) {
                script.process().destroyForcibly();
                throw new AssertionError("scripts/cluster " + script.args() + " took more than " + minutes + " min");
            }
            String printed = Files.readString(script.out(), StandardCharsets.UTF_8);
            assertThat(script.process().exitValue())
                    .as("scripts/cluster %s; it printed:%n%s", script.args(), printed)
                    .isZero();
            return printed;
        } finally {
            Files.deleteIfExists(script.out());
        }
    }

    /** The pid of a member (from its pid file, as the scripts know it). */
    long pid(String member) throws IOException {
        return Long.parseLong(
                Files.readString(stackDir.resolve("cluster").resolve(member).resolve(member + ".pid"))
                        .trim());
    }

    /** Each member's pid as its pid file says (whether it runs or not). */
    Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String member : ports.keySet()) {
            pids.put(member, pid(member));
        }
        return pids;
    }

    /** {@code kill -9} of a member; returns once it is gone. */
    void kill(String member) throws Exception {
        ProcessHandle process =
                ProcessHandle.of(pid(member)).orElseThrow(() -> new AssertionError(member + " is not running"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** The environment for the project's commands: the script's own plus what {@code env} prints. */
    Map<String, String> commandEnv() {
        Map<String, String> all = new HashMap<>(scriptEnv);
        all.putAll(env);
        return all;
    }

    /**
     * {@code scripts/cluster stop}, then insists that nothing of the cluster is left: no process whose
     * command line names the cluster's folder (members, executors), no member port listening.
     */
    void stop() throws Exception {
        stopped = true;
        run(5, "stop");
        String folder = stackDir.resolve("cluster") + "/";
        List<String> left = ProcessHandle.allProcesses()
                .filter(process -> commandLine(process.pid()).contains(folder))
                .map(process -> process.pid() + ": " + commandLine(process.pid()))
                .toList();
        assertThat(left)
                .as("processes of the cluster after scripts/cluster stop")
                .isEmpty();
        List<Integer> listening = ports.values().stream()
                .flatMap(List::stream)
                .filter(LoopbackCluster::listening)
                .toList();
        assertThat(listening)
                .as("cluster ports still listening after scripts/cluster stop")
                .isEmpty();
    }

    /** Stops the cluster unless {@link #stop()} already ran; for a finally block, where it must not hide the failure. */
    void stopQuietly() {
        if (stopped) {
            return;
        }
        try {
            run(5, "stop");
        } catch (Exception | AssertionError e) {
            System.err.println("scripts/cluster stop failed: " + e);
        }
    }

    /** Java processes whose command line contains all the given parts (e.g. an executor of one worker). */
    static List<Long> javaProcesses(String... parts) {
        return ProcessHandle.allProcesses()
                .filter(process ->
                        process.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(process -> {
                    String commandLine = commandLine(process.pid());
                    return Stream.of(parts).allMatch(commandLine::contains);
                })
                .map(ProcessHandle::pid)
                .toList();
    }

    private static String commandLine(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException goneMeanwhile) {
            return "";
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
