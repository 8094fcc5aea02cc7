package org.clickstream.core.hbase;

import java.time.Instant;
import java.util.List;

/**
 * The metric tables of docs/CONTRACT.md: what each is kept per (a {@link Dimension}, the minute, or
 * both) and its counters. The processor, the backfill and the readers all derive keys from here.
 */
public enum MetricTable {
    MINUTE("m", "metrics_by_minute", Dimension.NONE, true),
    /** One row, {@value #TOTAL_ROW}: every event ever counted, whatever the dimensions. */
    TOTAL("t", "metrics_total", Dimension.NONE, false),
    BRAND("b", "metrics_by_brand", Dimension.BRAND, false),
    BRAND_MINUTE("bm", "metrics_by_brand_minute", Dimension.BRAND, true),
    CATEGORY("c", "metrics_by_category", Dimension.CATEGORY, false),
    CATEGORY_MINUTE("cm", "metrics_by_category_minute", Dimension.CATEGORY, true),
    CATEGORY_CODE("cc", "metrics_by_category_code", Dimension.CATEGORY_CODE, false),
    CATEGORY_CODE_MINUTE("ccm", "metrics_by_category_code_minute", Dimension.CATEGORY_CODE, true),
    PRODUCT("p", "metrics_by_product", Dimension.PRODUCT, false),
    /** A brand's products: what feeds the brand drill-down's product boards. */
    BRAND_PRODUCT("bp", "metrics_by_brand_product", Dimension.BRAND_PRODUCT, false);

    private final String code;
    private final String simpleName;
    private final Dimension dimension;
    private final boolean perMinute;

    MetricTable(String code, String simpleName, Dimension dimension, boolean perMinute) {
        this.code = code;
        this.simpleName = simpleName;
        this.dimension = dimension;
        this.perMinute = perMinute;
    }

    /** The table's name without the namespace. */
    public String simpleName() {
        return simpleName;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** Kept per event-time minute (and so expired from the processor's state with the watermark). */
    public boolean perMinute() {
        return perMinute;
    }

    /** The counter qualifiers of family {@code m}. */
    public List<String> counters() {
        return this == MINUTE ? Qualifiers.MINUTE_COUNTERS : Qualifiers.COUNTERS;
    }

    /** The one row of {@link #TOTAL}. */
    public static final String TOTAL_ROW = "all";

    /** The row key of an aggregate: the minute, the dimension's value, or {@code value|minute}. */
    public String rowKey(Instant minute, String value) {
        if (!perMinute) {
            return dimension == Dimension.NONE ? TOTAL_ROW : value;
        }
        String minuteKey = RowKeys.minuteKey(minute);
        return dimension == Dimension.NONE ? minuteKey : RowKeys.valueMinuteKey(value, minuteKey);
    }

    /**
     * Short code tagging this table's rows inside the processor's one aggregation. It is part of the
     * aggregation state's key, so it must never change (a checkpoint holds it).
     */
    public String code() {
        return code;
    }

    public static MetricTable ofCode(String code) {
        for (MetricTable table : values()) {
            if (table.code.equals(code)) {
                return table;
            }
        }
        throw new IllegalArgumentException("unknown metric table code " + code);
    }
}
