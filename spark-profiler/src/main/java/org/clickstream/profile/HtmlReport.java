package org.clickstream.profile;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;
import static org.clickstream.profile.Formats.count;
import static org.clickstream.profile.Formats.humanBytes;
import static org.clickstream.profile.Formats.money;
import static org.clickstream.profile.Formats.percent;
import static org.clickstream.profile.Formats.plain;
import static org.clickstream.profile.Formats.rounded;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.clickstream.profile.ProfileResult.BrandStats;
import org.clickstream.profile.ProfileResult.CategoryCount;
import org.clickstream.profile.ProfileResult.HistogramBin;
import org.clickstream.profile.ProfileResult.NumericSummary;
import org.clickstream.profile.ProfileResult.Share;
import org.clickstream.profile.SvgCharts.Bar;

/**
 * The profile as one self-contained HTML page: the text report's tables plus bar charts of the event
 * types, the price distribution and the top brands, as inline SVG (no script, nothing loaded from
 * elsewhere). Every piece of data text goes through {@code escapeHtml4}.
 */
final class HtmlReport {
    private static final int CHART_BRANDS = 15;
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 0.5em 0; } th, td { padding: 3px 10px; border-bottom: 1px solid #eee; }
            th { text-align: left; background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
            .note { color: #666; font-size: 0.9em; } svg { margin: 0.5em 0; max-width: 100%; height: auto; }
            """;

    private final StringBuilder html = new StringBuilder();
    private final int topBrands;
    private int section;

    private HtmlReport(int topBrands) {
        this.topBrands = topBrands;
    }

    /** @param topBrands how many brands the brand table lists */
    static void write(ProfileResult profile, PrintWriter out, int topBrands) {
        out.print(render(profile, topBrands));
        out.flush();
    }

    static String render(ProfileResult profile, int topBrands) {
        return new HtmlReport(topBrands).build(profile);
    }

    private String build(ProfileResult p) {
        ProfileResult.Overview overview = p.overview();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Data profile: ").append(escapeHtml4(overview.input())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>E-commerce clickstream data profile</h1>\n")
                .append("<p class=\"note\">Input: ").append(escapeHtml4(overview.input()))
                .append(". Every statistic is over the valid rows; malformed rows are only counted.</p>\n");

        heading("Dataset overview");
        List<String[]> overviewRows = new ArrayList<>();
        overviewRows.add(new String[] {"Records (valid rows)", count(overview.records())});
        overviewRows.add(new String[] {"Columns", count(overview.columns())});
        overviewRows.add(new String[] {"Malformed rows", count(overview.malformedRows())});
        overview.malformedByReason().forEach((reason, n) ->
                overviewRows.add(new String[] {"\u2003malformed: " + reason, count(n)}));
        overviewRows.add(new String[] {"Input bytes",
                count(overview.inputBytes()) + " (" + humanBytes(overview.inputBytes()) + ")"});
        table(new String[] {"", ""}, overviewRows);

        heading("Schema and types");
        note("The dtype pandas' read_csv gives each column of the valid rows.");
        table(new String[] {"Column", "pandas dtype"}, p.schema().entrySet().stream()
                .map(e -> new String[] {e.getKey(), e.getValue()}).toList());

        heading("Numeric columns: describe()");
        note("Quantiles interpolate linearly between order statistics, as pandas; std has ddof = 1. "
                + "Mean and std are rounded here; the JSON report has them in full.");
        describeTable(p.describe());

        heading("Null analysis");
        shareTable("Column", "Nulls", p.nulls());
        note("Completeness score: " + percent(p.completenessPercent()) + " of all cells are filled.");

        heading("Event types");
        shareTable("Event type", "Events", p.eventTypes());
        html.append(SvgCharts.horizontal("Events by type", p.eventTypes().entrySet().stream()
                .map(e -> new Bar(e.getKey(), e.getValue().count(),
                        count(e.getValue().count()) + " (" + percent(e.getValue().percent()) + ")"))
                .toList()));

        brandSection(p.brands());
        priceSection(p);

        heading("Conversion funnel");
        ProfileResult.Funnel funnel = p.funnel();
        table(new String[] {"Step", "Count or rate"}, List.of(
                new String[] {"Views", count(funnel.views())},
                new String[] {"Carts", count(funnel.carts())},
                new String[] {"Purchases", count(funnel.purchases())},
                new String[] {"View \u2192 cart", percent(funnel.viewToCartPercent())},
                new String[] {"View \u2192 purchase", percent(funnel.viewToPurchasePercent())},
                new String[] {"Cart \u2192 purchase", percent(funnel.cartToPurchasePercent())}));

        heading("Cardinality");
        shareTable("Column", "Unique values", p.cardinality());

        heading("Top " + Profiler.TOP_CATEGORIES + " categories");
        note("The top level of category_code: its text up to the first dot. Events without a category are left out.");
        List<String[]> categoryRows = new ArrayList<>();
        for (CategoryCount category : p.categoriesTop10()) {
            categoryRows.add(new String[] {category.category(), count(category.count())});
        }
        table(new String[] {"Category", "Events"}, categoryRows);

        heading("Price segments");
        ProfileResult.PriceSegments segments = p.priceSegments();
        table(new String[] {"Segment", "% of records"}, List.of(
                new String[] {"Under $50", percent(segments.under50())},
                new String[] {"$50 to $100", percent(segments.from50To100())},
                new String[] {"$100 to $200", percent(segments.from100To200())},
                new String[] {"$200 and over", percent(segments.over200())}));

        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void brandSection(List<BrandStats> brands) {
        int shown = Math.min(topBrands, brands.size());
        heading("Brand performance");
        note("Top " + shown + " of " + count(brands.size()) + " brands by events. Brands are trimmed and "
                + "lower-cased (as the streaming metrics key them); events without a brand are left out. "
                + "Total value sums the price of every event, revenue that of purchases.");
        List<String[]> rows = new ArrayList<>();
        for (BrandStats brand : brands.subList(0, shown)) {
            rows.add(new String[] {brand.brand(), count(brand.events()), money(brand.avgPrice()),
                    money(brand.totalValue()), count(brand.purchases()), money(brand.revenue())});
        }
        table(new String[] {"Brand", "Events", "Avg price", "Total value", "Purchases", "Revenue"}, rows);
        html.append(SvgCharts.horizontal("Top brands by events", brands.stream().limit(CHART_BRANDS)
                .map(brand -> new Bar(brand.brand(), brand.events(), count(brand.events())))
                .toList()));
    }

    private void priceSection(ProfileResult p) {
        heading("Price analysis");
        ProfileResult.PriceStats price = p.price();
        table(new String[] {"Statistic", "Dollars"}, List.of(
                new String[] {"Mean", plain(rounded(price.mean()))},
                new String[] {"Median", plain(price.median())},
                new String[] {"Std", plain(rounded(price.std()))},
                new String[] {"Min", plain(price.min())},
                new String[] {"Max", plain(price.max())},
                new String[] {"Q1 (25%)", plain(price.q1())},
                new String[] {"Q3 (75%)", plain(price.q3())}));
        List<HistogramBin> bins = p.priceHistogram();
        int last = bins.size() - 1;
        while (last > 0 && bins.get(last).count() == 0) {
            last--;
        }
        html.append(SvgCharts.vertical("Events by price", bins.subList(0, last + 1).stream()
                .map(bin -> new Bar(binLabel(bin), bin.count(), count(bin.count())))
                .toList()));
    }

    private static String binLabel(HistogramBin bin) {
        return bin.to() == null ? "$" + dollars(bin.from()) + "+" : "$" + dollars(bin.from()) + "\u2013" + dollars(bin.to());
    }

    private static String dollars(BigDecimal amount) {
        return amount.compareTo(BigDecimal.valueOf(1000)) >= 0
                ? plain(amount.movePointLeft(3)) + "k" : plain(amount);
    }

    private void describeTable(Map<String, NumericSummary> describe) {
        String[] header = new String[describe.size() + 1];
        header[0] = "";
        int i = 1;
        for (String column : describe.keySet()) {
            header[i++] = column;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(statRow(describe, "count", s -> BigDecimal.valueOf(s.count())));
        rows.add(statRow(describe, "mean", s -> rounded(s.mean())));
        rows.add(statRow(describe, "std", s -> rounded(s.std())));
        rows.add(statRow(describe, "min", NumericSummary::min));
        rows.add(statRow(describe, "25%", NumericSummary::p25));
        rows.add(statRow(describe, "50%", NumericSummary::p50));
        rows.add(statRow(describe, "75%", NumericSummary::p75));
        rows.add(statRow(describe, "max", NumericSummary::max));
        table(header, rows);
    }

    private static String[] statRow(Map<String, NumericSummary> describe, String stat,
                                    Function<NumericSummary, BigDecimal> value) {
        List<String> cells = new ArrayList<>();
        cells.add(stat);
        describe.values().forEach(summary -> cells.add(plain(value.apply(summary))));
        return cells.toArray(String[]::new);
    }

    private void shareTable(String label, String countLabel, Map<String, Share> shares) {
        table(new String[] {label, countLabel, "%"}, shares.entrySet().stream()
                .map(e -> new String[] {e.getKey(), count(e.getValue().count()), percent(e.getValue().percent())})
                .toList());
    }

    private void heading(String title) {
        html.append("<h2>").append(++section).append(". ").append(escapeHtml4(title)).append("</h2>\n");
    }

    private void note(String text) {
        html.append("<p class=\"note\">").append(escapeHtml4(text)).append("</p>\n");
    }

    /** A table; the first column is text, the others are numbers (right-aligned). All cells escaped. */
    private void table(String[] header, List<String[]> rows) {
        html.append("<table>\n<tr>");
        for (String cell : header) {
            html.append("<th>").append(escapeHtml4(cell)).append("</th>");
        }
        html.append("</tr>\n");
        for (String[] row : rows) {
            html.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                html.append(i == 0 ? "<td>" : "<td class=\"n\">").append(escapeHtml4(row[i])).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }
}
