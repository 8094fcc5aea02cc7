package org.clickstream.dashboard.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToLongFunction;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MinuteMetrics;
import org.clickstream.dashboard.data.NamedCounters;
import org.clickstream.dashboard.view.EChart.ChartSpec;

/**
 * The ECharts options of the charts, built as JSON trees (text in them is data, never
 * markup: echarts-chart.js draws labels on the canvas and escapes tooltips). Each chart's
 * {@code data} part is what {@link EChart} sends on updates; {@code option} is the whole chart.
 */
public final class ChartOptions {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_MINUTE =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    static final int TOP_BARS = 10;

    private record Line(String name, ToLongFunction<Counters> value, int axis) {}

    private static final List<Line> LINES = List.of(
            new Line("Views", Counters::views, 0),
            new Line("Carts", Counters::carts, 1),
            new Line("Removes", Counters::removes, 1),
            new Line("Purchases", Counters::purchases, 1));

    private ChartOptions() {}

    /** Events per minute by type; views on the left axis, the far rarer rest on the right one. */
    public static ChartSpec eventsPerMinute(List<MinuteMetrics> minutes) {
        boolean manyDays = !minutes.isEmpty()
                && !minutes.get(0)
                        .minute()
                        .truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                        .equals(minutes.get(minutes.size() - 1)
                                .minute()
                                .truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        DateTimeFormatter label = manyDays ? DAY_MINUTE : MINUTE;
        ArrayNode categories = JSON.arrayNode();
        minutes.forEach(m -> categories.add(label.format(m.minute())));
        ObjectNode data = JSON.objectNode();
        data.putObject("xAxis").set("data", categories);
        ArrayNode dataSeries = data.putArray("series");
        for (Line line : LINES) {
            ArrayNode values = dataSeries.addObject().putArray("data");
            minutes.forEach(m -> values.add(line.value().applyAsLong(m.counters())));
        }

        ObjectNode option = base(LINES.stream().map(l -> "count").toList(), "axis");
        option.putObject("legend").put("top", 0);
        grid(option, 48, 48, 48, 24);
        ObjectNode xAxis = option.putObject("xAxis").put("type", "category").put("boundaryGap", false);
        xAxis.set("data", categories.deepCopy());
        ArrayNode yAxes = option.putArray("yAxis");
        yAxes.addObject()
                .put("type", "value")
                .put("name", "views / min")
                .put("minInterval", 1)
                .putObject("nameTextStyle")
                .put("align", "left");
        ObjectNode others = yAxes.addObject()
                .put("type", "value")
                .put("name", "carts, removes, purchases / min")
                .put("minInterval", 1);
        others.putObject("nameTextStyle").put("align", "right");
        others.putObject("splitLine").put("show", false);
        ArrayNode series = option.putArray("series");
        for (int i = 0; i < LINES.size(); i++) {
            Line line = LINES.get(i);
            ObjectNode s = series.addObject()
                    .put("name", line.name())
                    .put("type", "line")
                    .put("yAxisIndex", line.axis())
                    .put("showSymbol", false)
                    .put("smooth", false);
            if (line.axis() == 0) {
                s.putObject("areaStyle").put("opacity", 0.12);
            }
            s.set("data", dataSeries.get(i).get("data").deepCopy());
        }
        return new ChartSpec(option, data);
    }

    /** Events and revenue of the top rows (brands, categories) by revenue: horizontal bars, names as categories. */
    public static ChartSpec topByRevenue(List<NamedCounters> top) {
        ArrayNode names = JSON.arrayNode();
        ArrayNode events = JSON.arrayNode();
        ArrayNode revenue = JSON.arrayNode();
        for (NamedCounters row : top) {
            names.add(row.name());
            events.add(row.counters().events());
            revenue.add(row.counters().revenueCents() / 100.0);
        }
        ObjectNode data = JSON.objectNode();
        data.putObject("yAxis").set("data", names);
        ArrayNode dataSeries = data.putArray("series");
        dataSeries.addObject().set("data", events);
        dataSeries.addObject().set("data", revenue);

        ObjectNode option = base(List.of("count", "currency"), "axis");
        ((ObjectNode) option.get("tooltip")).putObject("axisPointer").put("type", "shadow");
        option.putObject("legend").put("top", 0);
        grid(option, 8, 24, 56, 8).put("containLabel", true);
        ObjectNode yAxis = option.putObject("yAxis").put("type", "category").put("inverse", true);
        yAxis.putObject("axisLabel").put("width", 110).put("overflow", "truncate");
        yAxis.set("data", names.deepCopy());
        ArrayNode xAxes = option.putArray("xAxis");
        // The legend names the two value axes (events below, revenue above).
        xAxes.addObject().put("type", "value").put("position", "bottom").put("minInterval", 1);
        xAxes.addObject()
                .put("type", "value")
                .put("position", "top")
                .put("valueKind", "currency")
                .putObject("splitLine")
                .put("show", false);
        ArrayNode series = option.putArray("series");
        series.addObject()
                .put("name", "Events")
                .put("type", "bar")
                .put("xAxisIndex", 0)
                .set("data", events.deepCopy());
        series.addObject()
                .put("name", "Revenue")
                .put("type", "bar")
                .put("xAxisIndex", 1)
                .set("data", revenue.deepCopy());
        return new ChartSpec(option, data);
    }

    /** Views, carts and purchases of the window as a funnel. */
    public static ChartSpec funnel(Kpis kpis) {
        Counters totals = kpis.totals();
        ArrayNode stages = JSON.arrayNode();
        stage(stages, "Views", totals.views(), "", "#1676f3");
        stage(stages, "Carts", totals.carts(), " (" + Formats.percent(kpis.viewToCart()) + " of views)", "#f59e0b");
        stage(
                stages,
                "Purchases",
                totals.purchases(),
                " (" + Formats.percent(kpis.cartToPurchase()) + " of carts)",
                "#16a34a");
        return funnelSpec("Funnel", stages);
    }

    private static ChartSpec funnelSpec(String name, ArrayNode stages) {
        ObjectNode data = JSON.objectNode();
        data.putArray("series").addObject().set("data", stages);

        ObjectNode option = base(List.of("count"), "item");
        ObjectNode funnel = option.putArray("series")
                .addObject()
                .put("name", name)
                .put("type", "funnel")
                .put("sort", "none")
                .put("left", "5%")
                .put("width", "55%")
                .put("top", 16)
                .put("bottom", 16)
                .put("minSize", "12%")
                .put("gap", 4);
        funnel.putObject("label").put("position", "right").put("fontSize", 13);
        funnel.putObject("labelLine").put("length", 16);
        funnel.set("data", stages.deepCopy());
        return new ChartSpec(option, data);
    }

    /** Sessions, those with a cart, those with a purchase: the session funnel of the window. */
    public static ChartSpec sessionFunnel(SessionKpis kpis) {
        var totals = kpis.totals();
        ArrayNode stages = JSON.arrayNode();
        stage(stages, "Sessions", totals.sessions(), "", "#1676f3");
        stage(
                stages,
                "With cart",
                totals.cartSessions(),
                " (" + Formats.percent(kpis.sessionToCart()) + ")",
                "#f59e0b");
        stage(
                stages,
                "With purchase",
                totals.purchaseSessions(),
                " (" + Formats.percent(kpis.sessionToPurchase()) + ")",
                "#16a34a");
        return funnelSpec("Sessions", stages);
    }

    private static void stage(ArrayNode stages, String name, long value, String detail, String color) {
        ObjectNode stage = stages.addObject().put("name", name).put("value", value);
        stage.putObject("itemStyle").put("color", color);
        // Literal text: no {a}/{b}/{c} templates, so nothing from the data is interpreted.
        stage.putObject("label").put("formatter", name + ": " + Formats.count(value) + detail);
    }

    private static ObjectNode base(List<String> valueKinds, String trigger) {
        ObjectNode option = JSON.objectNode();
        option.put("animationDurationUpdate", 300);
        option.putArray("color").add("#1676f3").add("#f59e0b").add("#94a3b8").add("#16a34a");
        ObjectNode tooltip = option.putObject("tooltip").put("trigger", trigger);
        ArrayNode kinds = tooltip.putArray("valueKinds");
        valueKinds.forEach(kinds::add);
        return option;
    }

    private static ObjectNode grid(ObjectNode option, int left, int right, int top, int bottom) {
        return option.putObject("grid")
                .put("left", left)
                .put("right", right)
                .put("top", top)
                .put("bottom", bottom);
    }
}
