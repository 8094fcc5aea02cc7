package org.clickstream.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP ports a process listens on and the local address of each, read from Linux's
 * {@code /proc/net/tcp[6]} and the process's file descriptors: how the tests check that nothing
 * listens on every interface unless asked.
 */
public final class ListeningSockets {

    /** One listening socket: its local address as the kernel prints it (hex) and its port. */
    public record Socket(String addressHex, int port) {
        /** 127.0.0.1, ::1 or ::ffff:127.0.0.1. */
        public boolean isLoopback() {
            return addressHex.equals("0100007F")
                    || addressHex.equals("00000000000000000000000001000000")
                    || addressHex.equals("0000000000000000FFFF00000100007F");
        }
    }

    private ListeningSockets() {}

    public static List<Socket> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                // local_address is ADDRESS:PORT in hex; state 0A is LISTEN; column 9 is the inode.
                if (columns[3].equals("0A") && inodes.contains(columns[9])) {
                    String[] local = columns[1].split(":");
                    sockets.add(new Socket(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return sockets;
    }
}
