package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML report taken apart for tests: its markup (scripts cut out), the inline scripts, the
 * charts' JSON. What a page may hold: the template's markup, Apache ECharts exactly as its WebJar
 * ships it, one start-up script and one JSON script per chart.
 */
record HtmlPage(String html, String markup, List<String> scripts, List<String> chartData) {
    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);

    static HtmlPage of(ProfileResult profile) {
        StringWriter out = new StringWriter();
        HtmlReport.write(ReportModel.of(profile, 20), out);
        return parse(out.toString());
    }

    static HtmlPage parse(String html) {
        List<String> scripts = new ArrayList<>();
        List<String> chartData = new ArrayList<>();
        Matcher m = SCRIPT.matcher(html);
        while (m.find()) {
            scripts.add(m.group(2));
            if (m.group(1).contains("application/json")) {
                chartData.add(m.group(2));
            }
        }
        return new HtmlPage(html, SCRIPT.matcher(html).replaceAll("<script></script>"), scripts, chartData);
    }

    /** Every label of every chart, as the browser reads it from the JSON. */
    List<String> chartLabels() {
        List<String> labels = new ArrayList<>();
        for (String data : chartData) {
            try {
                JsonNode option = new ObjectMapper().readTree(data);
                JsonNode axis = option.get("xAxis").has("data") ? option.get("xAxis") : option.get("yAxis");
                axis.get("data").forEach(label -> labels.add(label.asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return labels;
    }

    void assertSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        // No tag that loads anything, no style that does.
        assertThat(markup)
                .doesNotContainPattern("<[^>]+\\s(src|href)\\s*=")
                .doesNotContain("<link")
                .doesNotContain("url(")
                .doesNotContain("@import")
                .doesNotContain("http://")
                .doesNotContain("https://");
        // Scripts: ECharts as shipped, one JSON option per chart, and the start-up code.
        assertThat(scripts).hasSize(chartData.size() + 2);
        assertThat(scripts).contains(echarts());
        assertThat(chartData).isNotEmpty();
        String startup = scripts.get(scripts.size() - 1);
        assertThat(startup).contains("echarts.init").doesNotContain("http");
        assertThat(html).doesNotContainPattern("<script[^>]*\\ssrc");
    }

    static String echarts() {
        try (InputStream in = HtmlPage.class
                .getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/echarts/5.5.0/echarts.common.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
