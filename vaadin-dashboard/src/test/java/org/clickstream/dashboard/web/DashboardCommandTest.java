package org.clickstream.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Misuse gets one clear line and exit code 2, before anything starts. */
class DashboardCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DashboardCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void rejectsAMalformedHBaseAddress() {
        assertThat(run("--zookeeper", "127.0.0.1:notaport")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "error: --zookeeper must be host:port or host1,host2:port, not '127.0.0.1:notaport' (see --help)\n");
    }

    @Test
    void rejectsAnUnknownHBaseHost() {
        assertThat(run("--zookeeper", "no-such-host.invalid:2181")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("error: unknown host 'no-such-host.invalid'")
                .hasLineCount(1);
    }

    @Test
    void rejectsABadPortAndUnknownOptions() {
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(run("--colour")).isEqualTo(2);
        assertThat(err.toString())
                .hasLineCount(2)
                .contains("--port must be 0..65535")
                .contains("Unknown option: '--colour'");
    }

    @Test
    void rejectsANamespaceHBaseWouldRefuse() {
        assertThat(run("--namespace", "shop-2")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("error: --namespace: an HBase namespace is letters, digits and '_': shop-2 (see --help)\n");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("--host", "--port", "--zookeeper", "--namespace", "--refresh-ms", "--stale-after-s");
    }
}
