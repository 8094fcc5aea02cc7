package org.clickstream.dashboard.view;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.provider.SortDirection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import org.clickstream.dashboard.data.NamedCounters;

/**
 * The rows of an all-time table (brands, category codes) with their counters, sortable by any
 * column; names are untrusted text and shown as text.
 */
final class CountersGrid extends Grid<NamedCounters> {
    private final List<NamedCounters> rows = new ArrayList<>();
    private final ListDataProvider<NamedCounters> data = new ListDataProvider<>(rows);

    CountersGrid(String id, String nameHeader) {
        setId(id);
        addClassName("counters-grid");
        setItems(data);
        Column<NamedCounters> name = addColumn(NamedCounters::name)
                .setHeader(nameHeader)
                .setComparator(Comparator.comparing(NamedCounters::name))
                .setFlexGrow(3)
                .setKey("name");
        number("Events", row -> row.counters().events(), Formats::count);
        number("Views", row -> row.counters().views(), Formats::count);
        number("Carts", row -> row.counters().carts(), Formats::count);
        number("Purchases", row -> row.counters().purchases(), Formats::count);
        number("Avg price", row -> new Kpis(row.counters()).averagePriceCents(), Formats::money);
        number("Total value", row -> row.counters().priceSumCents(), Formats::money);
        Column<NamedCounters> revenue = number("Revenue", row -> row.counters().revenueCents(), Formats::money);
        addColumn(row -> Formats.percent(new Kpis(row.counters()).viewToPurchase()))
                .setHeader("Conversion")
                .setComparator(Comparator.comparingDouble(
                        row -> new Kpis(row.counters()).viewToPurchase().orElse(-1)))
                .setTextAlign(ColumnTextAlign.END)
                .setKey("conversion");
        setColumnReorderingAllowed(false);
        sort(List.of(new GridSortOrder<>(revenue, SortDirection.DESCENDING)));
        name.setFrozen(true);
    }

    /** Shows {@code newRows}; sends nothing when they did not change. */
    void show(List<NamedCounters> newRows) {
        if (!rows.equals(newRows)) {
            rows.clear();
            rows.addAll(newRows);
            data.refreshAll();
        }
    }

    private Column<NamedCounters> number(
            String header, ToLongFunction<NamedCounters> value, LongFunction<String> format) {
        return addColumn(row -> format.apply(value.applyAsLong(row)))
                .setHeader(header)
                .setComparator(Comparator.comparingLong(value))
                .setTextAlign(ColumnTextAlign.END)
                .setKey(header.toLowerCase(Locale.ROOT).replace(' ', '-'));
    }
}
