package org.clickstream.processor;

import java.time.Instant;
import org.clickstream.core.RowKeys;
import org.clickstream.core.TableLayout;

/**
 * The three metric tables, and how an aggregate's grouping key (minute, brand) becomes a row key.
 * {@link #code()} tags the rows of the single aggregation that computes all three at once.
 */
public enum MetricTable {
    MINUTE("m", TableLayout.METRICS_BY_MINUTE),
    BRAND("b", TableLayout.METRICS_BY_BRAND),
    BRAND_MINUTE("bm", TableLayout.METRICS_BY_BRAND_MINUTE);

    private final String code;
    private final String tableName;

    MetricTable(String code, String tableName) {
        this.code = code;
        this.tableName = tableName;
    }

    public String code() {
        return code;
    }

    public String tableName() {
        return tableName;
    }

    public static MetricTable ofCode(String code) {
        for (MetricTable table : values()) {
            if (table.code.equals(code)) {
                return table;
            }
        }
        throw new IllegalArgumentException("unknown metric table code " + code);
    }

    /** The row key of an aggregate: minute for MINUTE, brand for BRAND, both for BRAND_MINUTE. */
    public String rowKey(Instant minute, String brand) {
        return switch (this) {
            case MINUTE -> RowKeys.minuteKey(minute);
            case BRAND -> brand;
            case BRAND_MINUTE -> RowKeys.brandMinuteKey(RowKeys.minuteKey(minute), brand);
        };
    }
}
