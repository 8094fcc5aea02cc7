package org.clickstream.profile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.clickstream.profile.ProfileResult.BrandStats;
import org.clickstream.profile.ProfileResult.CategoryStats;
import org.clickstream.profile.ProfileResult.Funnel;
import org.clickstream.profile.ProfileResult.HistogramBin;
import org.clickstream.profile.ProfileResult.NumericSummary;
import org.clickstream.profile.ProfileResult.Overview;
import org.clickstream.profile.ProfileResult.PriceSegments;
import org.clickstream.profile.ProfileResult.PriceStats;
import org.clickstream.profile.ProfileResult.ProductStats;
import org.clickstream.profile.ProfileResult.SessionFunnel;
import org.clickstream.profile.ProfileResult.Share;
import org.clickstream.profile.Report.Block;
import org.clickstream.profile.Report.Cell;
import org.clickstream.profile.Report.Chart;
import org.clickstream.profile.Report.Column;
import org.clickstream.profile.Report.Count;
import org.clickstream.profile.Report.Decimal;
import org.clickstream.profile.Report.Decimal.Look;
import org.clickstream.profile.Report.Field;
import org.clickstream.profile.Report.Fields;
import org.clickstream.profile.Report.Id;
import org.clickstream.profile.Report.Percent;
import org.clickstream.profile.Report.Section;
import org.clickstream.profile.Report.Series;
import org.clickstream.profile.Report.Table;
import org.clickstream.profile.Report.Table.Shape;
import org.clickstream.profile.Report.Text;

/** The profile's sections, in report order: what every report shows (the JSON: everything, all brands). */
final class ReportModel {
    private static final int CHART_BRANDS = 15;

    private ReportModel() {}

    /** @param topBrands how many brands the text and HTML list */
    static Report of(ProfileResult p, int topBrands) {
        Overview overview = p.overview();
        List<Section> sections = new ArrayList<>();

        List<Field> overviewFields = new ArrayList<>(List.of(
                field("Records (valid rows)", "records", count(overview.records())),
                field("Columns", "columns", count(overview.columns())),
                field("Malformed rows", "malformed_rows", count(overview.malformedRows()))));
        overview.malformedByReason().forEach((reason, n) -> overviewFields.add(field("  " + reason, null, count(n))));
        overviewFields.add(field(
                "Input bytes",
                null,
                new Text(Formats.count(overview.inputBytes()) + " (" + Formats.humanBytes(overview.inputBytes())
                        + ")")));
        sections.add(section(
                "Dataset overview",
                null,
                "Every statistic is over the valid rows; malformed rows are counted by reason and otherwise left out.",
                null,
                new Fields(null, null, overviewFields)));

        sections.add(section(
                "Schema and types",
                "as pandas reads the valid rows",
                null,
                null,
                table(
                        "schema",
                        Shape.FLAT,
                        List.of(column("Column", null), column("pandas dtype", null)),
                        rows(p.schema(), type -> List.of(new Text(type))))));

        sections.add(section(
                "Numeric columns: describe()",
                null,
                "Quantiles interpolate linearly between order statistics, as pandas; std has ddof = 1. "
                        + "Mean and std are rounded here; the JSON has them in full.",
                null,
                new Table(
                        null,
                        "describe",
                        Shape.KEYED,
                        List.of(
                                column("", null),
                                column("count", "count"),
                                column("mean", "mean"),
                                column("std", "std"),
                                column("min", "min"),
                                column("25%", "p25"),
                                column("50%", "p50"),
                                column("75%", "p75"),
                                column("max", "max")),
                        rows(p.describe(), ReportModel::describeRow),
                        Integer.MAX_VALUE,
                        true)));

        sections.add(section(
                "Null analysis",
                null,
                null,
                null,
                shareTable("nulls", "Column", "Nulls", "count", p.nulls()),
                new Fields(
                        null,
                        null,
                        List.of(field(
                                "Completeness score", "completeness_percent", new Percent(p.completenessPercent()))))));

        sections.add(section(
                "Event types",
                null,
                null,
                null,
                shareTable("event_types", "Event type", "Events", "count", p.eventTypes()),
                new Chart(
                        "Events by type",
                        List.copyOf(p.eventTypes().keySet()),
                        List.of(new Series(
                                "events",
                                p.eventTypes().values().stream()
                                        .map(Share::count)
                                        .toList())),
                        false)));

        List<BrandStats> brands = p.brands();
        int shown = Math.min(topBrands, brands.size());
        sections.add(section(
                "Brand performance",
                "top " + shown + " of " + Formats.count(brands.size())
                        + " brands by events; brand trimmed and lower-cased; events without brand left out",
                "Total value sums the price of every event, revenue that of purchases, in whole cents as the streaming metrics do.",
                null,
                new Table(
                        null,
                        "brands",
                        Shape.LIST,
                        List.of(
                                column("Brand", "brand"),
                                column("Events", "events"),
                                column("Avg price", "avg_price"),
                                column("Total value", "total_value"),
                                column("Purchases", "purchases"),
                                column("Revenue", "revenue")),
                        brands.stream()
                                .map(b -> List.<Cell>of(
                                        new Text(b.brand()),
                                        count(b.events()),
                                        new Decimal(b.avgPrice(), Look.DOLLARS, false),
                                        new Decimal(b.totalValue(), Look.DOLLARS, true),
                                        count(b.purchases()),
                                        new Decimal(b.revenue(), Look.DOLLARS, true)))
                                .toList(),
                        shown,
                        false),
                new Chart(
                        "Top brands by events",
                        brands.stream()
                                .limit(CHART_BRANDS)
                                .map(BrandStats::brand)
                                .toList(),
                        List.of(new Series(
                                "events",
                                brands.stream()
                                        .limit(CHART_BRANDS)
                                        .map(BrandStats::events)
                                        .toList())),
                        true)));

        PriceStats price = p.price();
        List<HistogramBin> bins = p.priceHistogram();
        int lastBin = bins.size() - 1;
        while (lastBin > 0 && bins.get(lastBin).count() == 0) {
            lastBin--;
        }
        List<HistogramBin> shownBins = bins.subList(0, lastBin + 1);
        sections.add(section(
                "Price analysis",
                "dollars; quantiles exact, mean and std rounded",
                null,
                null,
                new Fields(
                        null,
                        "price",
                        List.of(
                                field("Mean", "mean", rounded(price.mean())),
                                field("Median", "median", exact(price.median())),
                                field("Std", "std", rounded(price.std())),
                                field("Min", "min", exact(price.min())),
                                field("Max", "max", exact(price.max())),
                                field("Q1 (25%)", "q1", exact(price.q1())),
                                field("Q3 (75%)", "q3", exact(price.q3())))),
                new Chart(
                        "Events by price",
                        shownBins.stream().map(ReportModel::binLabel).toList(),
                        List.of(new Series(
                                "events",
                                shownBins.stream().map(HistogramBin::count).toList())),
                        false)));

        Funnel funnel = p.funnel();
        SessionFunnel sessions = p.sessionFunnel();
        sections.add(section(
                "Conversion funnel",
                null,
                "A session: the events of one user_session (or of one user, without a session) each less than "
                        + Formats.duration(sessions.gap()) + " after the one before, in event-time order. "
                        + "Average order value: revenue per session with a purchase.",
                null,
                new Fields(
                        "Events",
                        "funnel",
                        List.of(
                                field("Views", "views", count(funnel.views())),
                                field("Carts", "carts", count(funnel.carts())),
                                field("Purchases", "purchases", count(funnel.purchases())),
                                field("View -> cart", "view_to_cart_percent", new Percent(funnel.viewToCartPercent())),
                                field(
                                        "View -> purchase",
                                        "view_to_purchase_percent",
                                        new Percent(funnel.viewToPurchasePercent())),
                                field(
                                        "Cart -> purchase",
                                        "cart_to_purchase_percent",
                                        new Percent(funnel.cartToPurchasePercent())))),
                new Fields(
                        "Sessions",
                        "session_funnel",
                        List.of(
                                field("Sessions", "sessions", count(sessions.sessions())),
                                field("With a cart", "sessions_with_cart", count(sessions.withCart())),
                                field("With a purchase", "sessions_with_purchase", count(sessions.withPurchase())),
                                field("Session -> cart", "cart_session_percent", new Percent(sessions.cartPercent())),
                                field(
                                        "Session -> purchase",
                                        "purchase_session_percent",
                                        new Percent(sessions.purchasePercent())),
                                field(
                                        "Cart -> purchase",
                                        "cart_to_purchase_session_percent",
                                        new Percent(sessions.cartToPurchasePercent())),
                                field("Events per session", "avg_events_per_session", rounded(sessions.avgEvents())),
                                field(
                                        "Average length",
                                        "avg_session_seconds",
                                        new Decimal(sessions.avgSeconds(), Look.SECONDS, false)),
                                field("Revenue", "revenue_cents", cents(sessions.revenueCents())),
                                field(
                                        "Average order value",
                                        "avg_order_value_cents",
                                        new Decimal(sessions.avgOrderValueCents(), Look.CENTS, false)),
                                field(
                                        "Session gap",
                                        "gap_seconds",
                                        new Decimal(
                                                BigDecimal.valueOf(
                                                        sessions.gap().toMillis(), 3),
                                                Look.SECONDS,
                                                true)))),
                new Chart(
                        "Events and sessions",
                        List.of("view / all", "cart", "purchase"),
                        List.of(
                                new Series("events", List.of(funnel.views(), funnel.carts(), funnel.purchases())),
                                new Series(
                                        "sessions",
                                        List.of(sessions.sessions(), sessions.withCart(), sessions.withPurchase()))),
                        false)));

        sections.add(section(
                "Cardinality",
                "distinct non-null values",
                null,
                null,
                shareTable("cardinality", "Column", "Unique", "unique", p.cardinality())));

        sections.add(section(
                "Top " + Profiler.TOP_CATEGORIES + " categories",
                "category_code up to its first dot",
                null,
                null,
                new Table(
                        null,
                        "categories_top10",
                        Shape.LIST,
                        List.of(column("Category", "category"), column("Events", "count")),
                        p.categoriesTop10().stream()
                                .map(c -> List.<Cell>of(new Text(c.category()), count(c.count())))
                                .toList(),
                        Integer.MAX_VALUE,
                        false)));

        PriceSegments segments = p.priceSegments();
        sections.add(section(
                "Price segments",
                "% of records",
                null,
                null,
                new Fields(
                        null,
                        "price_segments",
                        List.of(
                                field("Under $50", "under_50", new Percent(segments.under50())),
                                field("$50 to $100", "from_50_to_100", new Percent(segments.from50To100())),
                                field("$100 to $200", "from_100_to_200", new Percent(segments.from100To200())),
                                field("$200 and over", "over_200", new Percent(segments.over200()))))));

        sections.add(section(
                "Top categories",
                "by events; top level: category_code up to its first dot; unknown: none",
                "Revenue sums purchases, in whole cents, as the streaming metrics do.",
                "top_categories",
                categoryTable("Top level", "top_level", p.topLevelCategories()),
                categoryTable("Full category_code", "category_code", p.categoryCodes()),
                new Chart(
                        "Revenue by top-level category",
                        p.topLevelCategories().stream()
                                .map(CategoryStats::category)
                                .toList(),
                        List.of(new Series(
                                "revenue $",
                                p.topLevelCategories().stream()
                                        .map(c -> Profiler.dollars(c.revenueCents()))
                                        .toList())),
                        true)));

        sections.add(section(
                "Top products",
                "brand and category of each product's latest event",
                null,
                "top_products",
                productTable("By revenue", "by_revenue", p.productsByRevenue()),
                productTable("By views", "by_views", p.productsByViews()),
                new Chart(
                        "Top products by revenue",
                        p.productsByRevenue().stream()
                                .map(x -> Long.toString(x.productId()))
                                .toList(),
                        List.of(new Series(
                                "revenue $",
                                p.productsByRevenue().stream()
                                        .map(x -> Profiler.dollars(x.revenueCents()))
                                        .toList())),
                        true)));

        return new Report("E-commerce clickstream data profile", overview.input(), sections);
    }

    private static Section section(String title, String subtitle, String note, String jsonKey, Block... blocks) {
        return new Section(title, subtitle, note, jsonKey, List.of(blocks));
    }

    private static Table table(String jsonKey, Shape shape, List<Column> columns, List<List<Cell>> rows) {
        return new Table(null, jsonKey, shape, columns, rows, Integer.MAX_VALUE, false);
    }

    private static Field field(String label, String jsonKey, Cell value) {
        return new Field(label, jsonKey, value);
    }

    private static Column column(String label, String jsonKey) {
        return new Column(label, jsonKey);
    }

    private static Count count(long value) {
        return new Count(value);
    }

    private static Decimal exact(BigDecimal value) {
        return new Decimal(value, Look.PLAIN, true);
    }

    private static Decimal rounded(BigDecimal value) {
        return new Decimal(value, Look.ROUNDED, false);
    }

    private static Decimal cents(long cents) {
        return new Decimal(BigDecimal.valueOf(cents), Look.CENTS, true);
    }

    /** One row per map entry: the key, then the cells of the value. */
    private static <V> List<List<Cell>> rows(Map<String, V> map, Function<V, List<Cell>> cells) {
        List<List<Cell>> rows = new ArrayList<>();
        map.forEach((key, value) -> {
            List<Cell> row = new ArrayList<>();
            row.add(new Text(key));
            row.addAll(cells.apply(value));
            rows.add(row);
        });
        return rows;
    }

    private static List<Cell> describeRow(NumericSummary s) {
        return List.of(
                count(s.count()),
                rounded(s.mean()),
                rounded(s.std()),
                exact(s.min()),
                exact(s.p25()),
                exact(s.p50()),
                exact(s.p75()),
                exact(s.max()));
    }

    private static Table shareTable(
            String jsonKey, String label, String countLabel, String countKey, Map<String, Share> shares) {
        return table(
                jsonKey,
                Shape.KEYED,
                List.of(column(label, null), column(countLabel, countKey), column("Percent", "percent")),
                rows(shares, share -> List.of(count(share.count()), new Percent(share.percent()))));
    }

    private static Table categoryTable(String title, String jsonKey, List<CategoryStats> categories) {
        return new Table(
                title,
                jsonKey,
                Shape.LIST,
                List.of(
                        column("Category", "category"),
                        column("Events", "events"),
                        column("Views", "views"),
                        column("Carts", "carts"),
                        column("Purchases", "purchases"),
                        column("Revenue", "revenue_cents")),
                categories.stream()
                        .map(c -> List.<Cell>of(
                                new Text(c.category()),
                                count(c.events()),
                                count(c.views()),
                                count(c.carts()),
                                count(c.purchases()),
                                cents(c.revenueCents())))
                        .toList(),
                Integer.MAX_VALUE,
                false);
    }

    private static Table productTable(String title, String jsonKey, List<ProductStats> products) {
        return new Table(
                title,
                jsonKey,
                Shape.LIST,
                List.of(
                        column("Product", "product_id"),
                        column("Brand", "brand"),
                        column("Category", "category"),
                        column("Views", "views"),
                        column("Carts", "carts"),
                        column("Purchases", "purchases"),
                        column("Revenue", "revenue_cents")),
                products.stream()
                        .map(x -> List.<Cell>of(
                                new Id(x.productId()),
                                new Text(x.brand()),
                                new Text(x.category()),
                                count(x.views()),
                                count(x.carts()),
                                count(x.purchases()),
                                cents(x.revenueCents())))
                        .toList(),
                Integer.MAX_VALUE,
                false);
    }

    private static String binLabel(HistogramBin bin) {
        return bin.to() == null
                ? "$" + dollars(bin.from()) + "+"
                : "$" + dollars(bin.from()) + "\u2013" + dollars(bin.to());
    }

    private static String dollars(BigDecimal amount) {
        return amount.compareTo(BigDecimal.valueOf(1000)) >= 0
                ? Formats.plain(amount.movePointLeft(3)) + "k"
                : Formats.plain(amount);
    }
}
