package org.clickstream.core.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class HBaseConnectionsTest {
    @Test
    void aQuorumNobodyListensOnFailsAtOnceNamingEveryAddress() throws IOException {
        int closed = freePort();
        long started = System.nanoTime();
        assertThatThrownBy(() -> HBaseConnections.requireZooKeeperListening(
                        HBaseConnections.configuration("127.0.0.1:" + closed)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("127.0.0.1:" + closed);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(3_000);
    }

    @Test
    void oneListeningMemberOfTheQuorumIsEnough() throws IOException {
        int closed = freePort();
        try (ServerSocket zookeeper = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Members with a port of their own, as hbase.zookeeper.quorum may list them.
            assertThatCode(() -> HBaseConnections.requireZooKeeperListening(HBaseConnections.configuration(
                            "127.0.0.1:" + closed + ",127.0.0.1:" + zookeeper.getLocalPort())))
                    .doesNotThrowAnyException();
            assertThatCode(() -> HBaseConnections.requireZooKeeperListening(
                            HBaseConnections.configuration("127.0.0.1:" + zookeeper.getLocalPort())))
                    .doesNotThrowAnyException();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
