package org.clickstream.dashboard.web;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.jsoup.nodes.Element;

/**
 * Adds ECharts (from its WebJar) and the dashboard's own script and style sheet to the page as
 * plain tags, in that order, before Vaadin's bundle runs. Loaded like this they need no npm build:
 * Vaadin's pre-compiled production bundle stays valid. Registered in META-INF/services.
 */
public class StaticResources implements VaadinServiceInitListener {
    static final String ECHARTS_VERSION = echartsVersion();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(response -> {
            Element head = response.getDocument().head();
            head.appendElement("link").attr("rel", "stylesheet").attr("href", "dashboard/dashboard.css");
            head.appendElement("script").attr("src", "webjars/echarts/" + ECHARTS_VERSION + "/echarts.min.js");
            head.appendElement("script").attr("src", "dashboard/echarts-chart.js");
        });
    }

    /** The WebJar's version, from the pom.properties Maven put into it (pinned once, in the root pom). */
    private static String echartsVersion() {
        try (InputStream in =
                StaticResources.class.getResourceAsStream("/META-INF/maven/org.webjars/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar (org.webjars:echarts) is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
