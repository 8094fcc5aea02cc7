package org.clickstream.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.clickstream.profile.Report.Cell;
import org.clickstream.profile.Report.Chart;
import org.clickstream.profile.Report.Series;
import org.clickstream.profile.Report.Table;

/**
 * The report as one self-contained HTML page: the template {@code report.jte} (compiled to Java at
 * build time, so no compiler is needed at run time; every {@code ${}} is HTML-escaped by jte) with
 * Apache ECharts inlined from its WebJar and each chart's option as inline JSON. Nothing is loaded
 * from elsewhere. Data text reaches a script only as JSON in which {@code < > &} are escaped, so a
 * brand such as {@code </script>} stays text.
 */
final class HtmlReport {
    private static final String ECHARTS =
            "META-INF/resources/webjars/echarts/" + echartsVersion() + "/echarts.common.min.js";
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(
            null, ContentType.Html, HtmlReport.class.getClassLoader(), "org.clickstream.profile");
    private static final ObjectMapper SCRIPT_SAFE_JSON = new ObjectMapper();

    static {
        SCRIPT_SAFE_JSON.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    }

    private HtmlReport() {}

    static void write(Report report, Writer out) {
        TEMPLATES.render("report.jte", Map.of("report", report, "view", new View()), new WriterOutput(out));
    }

    /** What the template asks of the report's values and charts. */
    static final class View {
        private final Map<Chart, Integer> chartIds = new IdentityHashMap<>();

        String show(Cell cell) {
            return Formats.show(cell);
        }

        boolean isNumber(Cell cell) {
            return Formats.isNumber(cell);
        }

        /** The rows shown, as the template lays them out: columns as rows for a transposed table. */
        List<List<String>> grid(Table table) {
            List<List<String>> rows = new java.util.ArrayList<>();
            rows.add(table.columns().stream().map(Report.Column::label).toList());
            table.rows().stream()
                    .limit(table.shown())
                    .forEach(row -> rows.add(row.stream().map(Formats::show).toList()));
            if (!table.transposed()) {
                return rows;
            }
            List<List<String>> turned = new java.util.ArrayList<>();
            for (int c = 0; c < rows.get(0).size(); c++) {
                List<String> line = new java.util.ArrayList<>();
                for (List<String> row : rows) {
                    line.add(row.get(c));
                }
                turned.add(line);
            }
            return turned;
        }

        String chartId(Chart chart) {
            return "chart-" + chartIds.computeIfAbsent(chart, c -> chartIds.size() + 1);
        }

        int chartHeight(Chart chart) {
            return chart.horizontal()
                    ? 60 + 26 * chart.labels().size() * chart.series().size()
                    : 320;
        }

        /** The chart's ECharts option, as JSON that is safe inside a script element. */
        String chartOption(Chart chart) {
            ObjectNode option = SCRIPT_SAFE_JSON.createObjectNode();
            option.put("animation", false);
            option.putObject("title").put("text", chart.title());
            // Tooltips drawn on the canvas: no data text ever becomes HTML.
            option.putObject("tooltip").put("trigger", "axis").put("renderMode", "richText");
            if (chart.series().size() > 1) {
                option.putObject("legend").put("top", 24);
            }
            option.putObject("grid")
                    .put("containLabel", true)
                    .put("left", 8)
                    .put("right", 24)
                    .put("top", 56);
            ObjectNode categories = SCRIPT_SAFE_JSON.createObjectNode().put("type", "category");
            ArrayNode labels = categories.putArray("data");
            chart.labels().forEach(labels::add);
            ObjectNode values = SCRIPT_SAFE_JSON.createObjectNode().put("type", "value");
            if (chart.horizontal()) {
                categories.put("inverse", true);
                option.set("xAxis", values);
                option.set("yAxis", categories);
            } else {
                categories
                        .putObject("axisLabel")
                        .put("interval", 0)
                        .put("rotate", chart.labels().size() > 8 ? 30 : 0);
                option.set("xAxis", categories);
                option.set("yAxis", values);
            }
            ArrayNode series = option.putArray("series");
            for (Series s : chart.series()) {
                ArrayNode data = series.addObject()
                        .put("type", "bar")
                        .put("name", s.name())
                        .putArray("data");
                s.values()
                        .forEach(v -> data.add(
                                SCRIPT_SAFE_JSON.getNodeFactory().numberNode(new java.math.BigDecimal(v.toString()))));
            }
            try {
                return SCRIPT_SAFE_JSON.writeValueAsString(option);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Apache ECharts, from its WebJar on the class path. */
        String echarts() {
            return echartsLibrary();
        }
    }

    private static String echartsLibrary() {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is not on the class path: " + ECHARTS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WebJar's version, from its Maven metadata (so a version change in the pom needs no code change). */
    private static String echartsVersion() {
        try (InputStream in = HtmlReport.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the class path");
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON escapes for inside a script element: {@code < > &} and the JavaScript line separators as \\uXXXX. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
            ascii['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
