package org.clickstream.processor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;

/**
 * Which tables the processor keeps ({@code --tables}): all of docs/CONTRACT.md by default, or a
 * subset, e.g. {@code metrics_by_minute,metrics_by_brand,metrics_by_brand_minute} for the leanest
 * pipeline. Leaderboards are kept when {@code leaderboards} is in the list (as with {@code all}),
 * for the enabled tables they rank: brands, categories, codes; products per hour with
 * {@code metrics_by_product}; a brand's products with {@code metrics_by_brand_product}.
 */
record Outputs(Set<MetricTable> metrics, boolean sessions, boolean leaderboards) implements Serializable {
    static final String ALL = "all";

    static Outputs all() {
        return new Outputs(EnumSet.allOf(MetricTable.class), true, true);
    }

    /** {@code all}, or table names of the contract separated by commas. */
    static Outputs parse(String text) {
        if (text.strip().equalsIgnoreCase(ALL)) {
            return all();
        }
        Set<MetricTable> metrics = EnumSet.noneOf(MetricTable.class);
        boolean sessions = false;
        boolean leaderboards = false;
        for (String part : text.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.equals(TableLayout.SESSIONS)) {
                sessions = true;
            } else if (name.equals(TableLayout.LEADERBOARDS)) {
                leaderboards = true;
            } else {
                metrics.add(metricNamed(name));
            }
        }
        if (metrics.isEmpty() && !sessions) {
            throw new IllegalArgumentException("no table to keep in '" + text + "'");
        }
        return new Outputs(Collections.unmodifiableSet(metrics), sessions, leaderboards);
    }

    private static MetricTable metricNamed(String name) {
        for (MetricTable table : MetricTable.values()) {
            if (table.simpleName().equals(name)) {
                return table;
            }
        }
        List<String> known = new ArrayList<>();
        for (MetricTable table : MetricTable.values()) {
            known.add(table.simpleName());
        }
        known.add(TableLayout.SESSIONS);
        known.add(TableLayout.LEADERBOARDS);
        throw new IllegalArgumentException("unknown table '" + name + "'; known: " + String.join(", ", known));
    }

    /** The metric tables kept, in the contract's order. */
    List<MetricTable> metricTables() {
        return List.copyOf(metrics);
    }

    boolean productHours() {
        return leaderboards && metrics.contains(MetricTable.PRODUCT);
    }
}
