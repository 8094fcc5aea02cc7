package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.clickstream.core.testing.ListeningSockets;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local stack listens on loopback only: nothing of it is reachable from another machine. */
class LoopbackIT {

    @BeforeAll
    static void stack() {
        LocalStack.ensureRunning();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "hbase"})
    void everyListeningSocketIsOnLoopback(String service) throws IOException {
        List<ListeningSockets.Socket> sockets = ListeningSockets.of(LocalStack.pid(service));
        assertThat(sockets).as("%s listens", service).isNotEmpty();
        assertThat(sockets).as("%s listens only on loopback", service).allMatch(ListeningSockets.Socket::isLoopback);
    }
}
