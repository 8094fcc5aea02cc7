package org.clickstream.profile;

import static org.clickstream.profile.Formats.count;
import static org.clickstream.profile.Formats.humanBytes;
import static org.clickstream.profile.Formats.money;
import static org.clickstream.profile.Formats.percent;
import static org.clickstream.profile.Formats.plain;
import static org.clickstream.profile.Formats.printable;
import static org.clickstream.profile.Formats.rounded;
import static org.clickstream.profile.Formats.shorten;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.clickstream.profile.ProfileResult.BrandStats;
import org.clickstream.profile.ProfileResult.CategoryCount;
import org.clickstream.profile.ProfileResult.Funnel;
import org.clickstream.profile.ProfileResult.NumericSummary;
import org.clickstream.profile.ProfileResult.Overview;
import org.clickstream.profile.ProfileResult.PriceSegments;
import org.clickstream.profile.ProfileResult.PriceStats;
import org.clickstream.profile.ProfileResult.Share;

/** The profile as a plain-text report, section by section like the pandas profile it replaces. */
final class TextReport {
    private static final String RULE = "=".repeat(100);
    private static final String LINE = "-".repeat(100);
    private static final int BRAND_WIDTH = 24;

    private final PrintWriter out;
    private final int topBrands;
    private int section;

    private TextReport(PrintWriter out, int topBrands) {
        this.out = out;
        this.topBrands = topBrands;
    }

    /** @param topBrands how many brands the brand table lists (the JSON has them all) */
    static void write(ProfileResult profile, PrintWriter out, int topBrands) {
        new TextReport(out, topBrands).write(profile);
        out.flush();
    }

    private void write(ProfileResult p) {
        Overview overview = p.overview();
        out.println(RULE);
        out.println("E-COMMERCE CLICKSTREAM DATA PROFILE");
        out.println(RULE);
        out.println("Input: " + printable(overview.input()));

        heading("DATASET OVERVIEW");
        row("Records (valid rows)", count(overview.records()));
        row("Columns", count(overview.columns()));
        row("Malformed rows", count(overview.malformedRows()) + "   (not in any statistic below)");
        overview.malformedByReason().forEach((reason, n) -> row("  " + reason, count(n)));
        row("Input bytes", count(overview.inputBytes()) + "   (" + humanBytes(overview.inputBytes()) + ")");

        heading("SCHEMA AND TYPES (as pandas reads the valid rows)");
        p.schema().forEach((column, type) -> row(column, type));

        heading("NUMERIC COLUMNS: describe()");
        List<String> columns = List.copyOf(p.describe().keySet());
        out.printf("%-6s", "");
        columns.forEach(column -> out.printf(" %26s", column));
        out.println();
        describeRow(p.describe(), "count", s -> BigDecimal.valueOf(s.count()));
        describeRow(p.describe(), "mean", s -> rounded(s.mean()));
        describeRow(p.describe(), "std", s -> rounded(s.std()));
        describeRow(p.describe(), "min", NumericSummary::min);
        describeRow(p.describe(), "25%", NumericSummary::p25);
        describeRow(p.describe(), "50%", NumericSummary::p50);
        describeRow(p.describe(), "75%", NumericSummary::p75);
        describeRow(p.describe(), "max", NumericSummary::max);

        heading("NULL ANALYSIS");
        out.printf("%-24s %15s %12s%n", "Column", "Nulls", "Percent");
        p.nulls().forEach((column, share) -> shareRow(column, share));
        out.println();
        row("Completeness score", percent(p.completenessPercent()) + "   (non-null cells / all cells)");

        heading("EVENT TYPES");
        out.printf("%-24s %15s %12s%n", "Event type", "Events", "Percent");
        p.eventTypes().forEach((type, share) -> shareRow(type, share));

        brandTable(p.brands());

        heading("PRICE ANALYSIS (dollars; quantiles exact, mean and std rounded)");
        PriceStats price = p.price();
        row("Mean", plain(rounded(price.mean())));
        row("Median", plain(price.median()));
        row("Std", plain(rounded(price.std())));
        row("Min", plain(price.min()));
        row("Max", plain(price.max()));
        row("Q1 (25%)", plain(price.q1()));
        row("Q3 (75%)", plain(price.q3()));

        heading("CONVERSION FUNNEL");
        Funnel funnel = p.funnel();
        row("Views", count(funnel.views()));
        row("Carts", count(funnel.carts()));
        row("Purchases", count(funnel.purchases()));
        row("View -> cart", percent(funnel.viewToCartPercent()));
        row("View -> purchase", percent(funnel.viewToPurchasePercent()));
        row("Cart -> purchase", percent(funnel.cartToPurchasePercent()));

        heading("CARDINALITY (distinct non-null values)");
        out.printf("%-24s %15s %12s%n", "Column", "Unique", "% of records");
        p.cardinality().forEach((column, share) -> shareRow(column, share));

        heading("TOP " + Profiler.TOP_CATEGORIES + " CATEGORIES (category_code up to its first dot)");
        out.printf("%-24s %15s%n", "Category", "Events");
        for (CategoryCount category : p.categoriesTop10()) {
            out.printf("%-24s %15s%n", printable(category.category()), count(category.count()));
        }

        heading("PRICE SEGMENTS (% of records)");
        PriceSegments segments = p.priceSegments();
        row("Under $50", percent(segments.under50()));
        row("$50 to $100", percent(segments.from50To100()));
        row("$100 to $200", percent(segments.from100To200()));
        row("$200 and over", percent(segments.over200()));
        out.println(RULE);
    }

    private void brandTable(List<BrandStats> brands) {
        int shown = Math.min(topBrands, brands.size());
        heading("BRAND PERFORMANCE (top " + shown + " of " + count(brands.size())
                + " brands by events; brand trimmed and lower-cased; events without brand left out)");
        out.printf("%-" + BRAND_WIDTH + "s %12s %12s %18s %12s %18s%n",
                "Brand", "Events", "Avg price", "Total value", "Purchases", "Revenue");
        for (BrandStats brand : brands.subList(0, shown)) {
            out.printf("%-" + BRAND_WIDTH + "s %12s %12s %18s %12s %18s%n",
                    shorten(printable(brand.brand()), BRAND_WIDTH, "~"), count(brand.events()), money(brand.avgPrice()),
                    money(brand.totalValue()), count(brand.purchases()), money(brand.revenue()));
        }
    }

    private void heading(String title) {
        out.println();
        out.println(++section + ". " + title);
        out.println(LINE);
    }

    private void row(String label, String value) {
        out.printf("%-24s %s%n", label, value);
    }

    private void shareRow(String label, Share share) {
        out.printf("%-24s %15s %12s%n", printable(label), count(share.count()), percent(share.percent()));
    }

    private void describeRow(Map<String, NumericSummary> describe, String stat, Function<NumericSummary, BigDecimal> value) {
        out.printf("%-6s", stat);
        describe.values().forEach(summary -> out.printf(" %26s", plain(value.apply(summary))));
        out.println();
    }
}
