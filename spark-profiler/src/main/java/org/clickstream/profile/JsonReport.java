package org.clickstream.profile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Map;
import org.clickstream.profile.ProfileResult.BrandStats;
import org.clickstream.profile.ProfileResult.CategoryCount;
import org.clickstream.profile.ProfileResult.NumericSummary;
import org.clickstream.profile.ProfileResult.Share;

/**
 * The machine-readable profile: exactly the keys CONTRACT.md's profile lists. Exact quantities
 * (counts, minima, maxima, quantiles, sums of money) are written as exact decimal numbers; means,
 * standard deviations and percentages as doubles (the double nearest the exact value: what pandas
 * reports, up to its own rounding); undefined values (pandas' NaN) as null.
 */
final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private JsonReport() {
    }

    static void write(ProfileResult profile, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(profile));
    }

    static ObjectNode toJson(ProfileResult profile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("records", profile.overview().records());
        root.put("columns", profile.overview().columns());
        root.put("malformed_rows", profile.overview().malformedRows());

        ObjectNode schema = root.putObject("schema");
        profile.schema().forEach(schema::put);

        ObjectNode describe = root.putObject("describe");
        profile.describe().forEach((column, summary) -> putSummary(describe.putObject(column), summary));

        putShares(root.putObject("nulls"), profile.nulls(), "count");
        root.put("completeness_percent", profile.completenessPercent());
        putShares(root.putObject("event_types"), profile.eventTypes(), "count");

        ArrayNode brands = root.putArray("brands");
        for (BrandStats brand : profile.brands()) {
            brands.addObject()
                    .put("brand", brand.brand())
                    .put("events", brand.events())
                    .put("avg_price", toDouble(brand.avgPrice()))
                    .put("total_value", exact(brand.totalValue()))
                    .put("purchases", brand.purchases())
                    .put("revenue", exact(brand.revenue()));
        }

        ProfileResult.PriceStats price = profile.price();
        root.putObject("price")
                .put("mean", toDouble(price.mean()))
                .put("median", exact(price.median()))
                .put("std", toDouble(price.std()))
                .put("min", exact(price.min()))
                .put("max", exact(price.max()))
                .put("q1", exact(price.q1()))
                .put("q3", exact(price.q3()));

        ProfileResult.Funnel funnel = profile.funnel();
        root.putObject("funnel")
                .put("views", funnel.views())
                .put("carts", funnel.carts())
                .put("purchases", funnel.purchases())
                .put("view_to_cart_percent", funnel.viewToCartPercent())
                .put("view_to_purchase_percent", funnel.viewToPurchasePercent())
                .put("cart_to_purchase_percent", funnel.cartToPurchasePercent());

        putShares(root.putObject("cardinality"), profile.cardinality(), "unique");

        ArrayNode categories = root.putArray("categories_top10");
        for (CategoryCount category : profile.categoriesTop10()) {
            categories.addObject().put("category", category.category()).put("count", category.count());
        }

        ProfileResult.PriceSegments segments = profile.priceSegments();
        root.putObject("price_segments")
                .put("under_50", segments.under50())
                .put("from_50_to_100", segments.from50To100())
                .put("from_100_to_200", segments.from100To200())
                .put("over_200", segments.over200());
        return root;
    }

    private static void putSummary(ObjectNode node, NumericSummary summary) {
        node.put("count", summary.count())
                .put("mean", toDouble(summary.mean()))
                .put("std", toDouble(summary.std()))
                .put("min", exact(summary.min()))
                .put("p25", exact(summary.p25()))
                .put("p50", exact(summary.p50()))
                .put("p75", exact(summary.p75()))
                .put("max", exact(summary.max()));
    }

    private static void putShares(ObjectNode node, Map<String, Share> shares, String countKey) {
        shares.forEach((key, share) -> node.putObject(key).put(countKey, share.count()).put("percent", share.percent()));
    }

    /** The value without trailing zeros (1.50000000 → 1.5, 100.00 → 100), exactly. */
    static BigDecimal exact(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Double toDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
