package org.clickstream.dashboard.web;

import java.net.URI;
import java.net.URL;
import org.clickstream.dashboard.view.DashboardView;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * Vaadin on an embedded Jetty 12: a web application whose classes come from the JVM's class path.
 * Jetty scans that class path (jars and class folders, hence a plain {@code -cp}: it does not
 * follow a manifest Class-Path) for Vaadin's servlet container initializers, which register the
 * routes and the Vaadin servlet, and for the {@code META-INF/resources} of jars, which serves the
 * ECharts WebJar.
 */
public final class DashboardServer implements AutoCloseable {
    private static final String OWN_SCRIPT = "webapp/dashboard/echarts-chart.js";
    /**
     * What Jetty scans: this app's classes and jars (Vaadin, Atmosphere for push, Jetty's WebSocket
     * server, the ECharts WebJar). Not the HBase client and the rest, which only cost start time.
     */
    private static final String SCANNED =
            ".*/classes/.*|.*/(vaadin-|flow-|atmosphere-|jetty-ee10-websocket-|echarts-)[^/]*\\.jar";

    private final Server server;
    private final ServerConnector connector;

    private DashboardServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts serving; throws (with a {@link java.net.BindException} cause) when the address is taken. */
    public static DashboardServer start(String host, int port, DashboardView.Services services) throws Exception {
        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        // (getRealURI: jar:file:/x.jar!/webapp/ and jar:file:///x.jar!/webapp are the same folder to Jetty,
        // which warns about aliases unless handed the latter.)
        context.setBaseResource(context.getResourceFactory()
                .newResource(context.getResourceFactory().newResource(webRoot()).getRealURI()));
        context.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, SCANNED);
        context.setConfigurationDiscovered(true);
        context.setThrowUnavailableOnStartupException(true);
        // Vaadin's push detects the server through Jetty classes, which a web app must be allowed to see.
        context.setHiddenClassMatcher(new ClassMatcher());
        context.setAttribute(DashboardView.Services.class.getName(), services);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new DashboardServer(server, connector);
    }

    public URI uri() {
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort() + "/");
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The folder holding {@code dashboard/}, in target/classes or inside the jar. */
    private static URI webRoot() {
        URL script = DashboardServer.class.getClassLoader().getResource(OWN_SCRIPT);
        if (script == null) {
            throw new IllegalStateException(OWN_SCRIPT + " is not on the class path");
        }
        String url = script.toExternalForm();
        return URI.create(url.substring(0, url.length() - "dashboard/echarts-chart.js".length()));
    }
}
