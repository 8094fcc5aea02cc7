package org.clickstream.dashboard.web;

import java.net.URI;
import java.time.Clock;
import org.clickstream.dashboard.data.HBaseMetricsSource;
import org.clickstream.dashboard.data.MetricsSource;
import org.clickstream.dashboard.feed.MetricsFeed;
import org.clickstream.dashboard.view.DashboardView;
import org.clickstream.dashboard.view.TimeWindow;

/** The running dashboard: its HBase source, the one feed reading it, and the web server; closed in reverse order. */
public final class Dashboard implements AutoCloseable {
    private final MetricsSource source;
    private final MetricsFeed feed;
    private final DashboardServer server;

    private Dashboard(MetricsSource source, MetricsFeed feed, DashboardServer server) {
        this.source = source;
        this.feed = feed;
        this.server = server;
    }

    /** Starts serving and reading; throws (with a {@link java.net.BindException} cause) when the address is taken. */
    public static Dashboard start(DashboardOptions options) throws Exception {
        HBaseMetricsSource source = new HBaseMetricsSource(options.zookeeper(), options.layout());
        MetricsFeed feed = new MetricsFeed(source, TimeWindow.MAX_MINUTES, Clock.systemUTC());
        DashboardServer server;
        try {
            server = DashboardServer.start(
                    options.host(),
                    options.port(),
                    new DashboardView.Services(
                            feed,
                            source,
                            options.staleAfter(),
                            Clock.systemUTC(),
                            options.layout().pipeline().getNameAsString()));
        } catch (Exception e) {
            feed.close();
            source.close();
            throw e;
        }
        feed.start(options.refresh());
        return new Dashboard(source, feed, server);
    }

    public URI uri() {
        return server.uri();
    }

    public String describe() {
        return source.describe();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            feed.close();
            source.close();
        }
    }
}
