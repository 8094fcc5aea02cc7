package org.clickstream.core.hbase;

import java.util.Comparator;
import org.clickstream.core.ClickEvent;

/** What a metric table is kept per, besides (or instead of) the minute, and how an event's value is found. */
public enum Dimension {
    NONE,
    /** {@link ClickEvent#normalizedBrand()}. */
    BRAND,
    /** {@link ClickEvent#topCategory()}. */
    CATEGORY,
    /** {@link ClickEvent#categoryKey()}: the full code. */
    CATEGORY_CODE,
    /** The product id in decimal. */
    PRODUCT,
    /**
     * {@code brand|product}: a product under one brand. A product's brand can change between its
     * events; ranked per brand, it is ranked by the events that carried that brand.
     */
    BRAND_PRODUCT;

    /** The event's value of this dimension (its part of the row key); {@code null} for {@link #NONE}. */
    public String of(ClickEvent event) {
        return switch (this) {
            case NONE -> null;
            case BRAND -> event.normalizedBrand();
            case CATEGORY -> event.topCategory();
            case CATEGORY_CODE -> event.categoryKey();
            case PRODUCT -> Long.toString(event.productId());
            case BRAND_PRODUCT -> brandProduct(event.normalizedBrand(), Long.toString(event.productId()));
        };
    }

    /** The value of {@link #BRAND_PRODUCT}. */
    public static String brandProduct(String brand, String product) {
        return brand + RowKeys.SEPARATOR + product;
    }

    /** The brand of a {@link #BRAND_PRODUCT} value (the product, digits, follows the last separator). */
    public static String brandOf(String brandProduct) {
        return brandProduct.substring(0, brandProduct.lastIndexOf(RowKeys.SEPARATOR));
    }

    /** The product of a {@link #BRAND_PRODUCT} value. */
    public static String productOf(String brandProduct) {
        return brandProduct.substring(brandProduct.lastIndexOf(RowKeys.SEPARATOR) + 1);
    }

    /** How values are ordered when their measures tie: products by id, the rest by text. */
    public Comparator<String> valueOrder() {
        return this == PRODUCT ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
    }

    /** The word leaderboard rows use for this dimension ({@code brand}, {@code category}, ...). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
