package org.clickstream.dashboard.view;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.dashboard.data.BrandDetail;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MinuteMetrics;
import org.clickstream.dashboard.data.ProductMetrics;

/**
 * The drill-down of one brand: its all-time and window totals, its events per minute over the
 * page's chart minutes, and its top products. The brand's name is untrusted text: only ever set as text.
 */
final class BrandPanel extends Div {
    private final Span name = new Span();
    private final Span status = new Span();
    private final List<Card> cards = new ArrayList<>();
    private final EChart minutesChart = new EChart("chart-brand-minutes");
    private final Grid<ProductMetrics> products = new Grid<>();
    private List<ProductMetrics> shownProducts = List.of();

    BrandPanel(Runnable onClose) {
        setId("brand-panel");
        addClassNames("chart-panel", "brand-panel");
        name.setId("brand-panel-name");
        status.setId("brand-panel-status");
        status.addClassName("section-hint");
        Button close = new Button("Close", event -> onClose.run());
        close.setId("brand-panel-close");
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        H3 title = new H3(new Span("Brand "), name, status);
        Div heading = new Div(title, close);
        heading.addClassName("panel-heading");

        products.setId("brand-products");
        products.addThemeVariants(GridVariant.LUMO_COMPACT);
        products.setAllRowsVisible(true);
        products.addColumn(ProductMetrics::productId).setHeader("Product").setKey("product");
        products.addColumn(p -> p.details().map(ProductDetails::categoryCode).orElse(Formats.NOT_AVAILABLE))
                .setHeader("Category")
                .setFlexGrow(2)
                .setKey("category");
        products.addColumn(p -> Formats.count(p.counters().views()))
                .setHeader("Views")
                .setTextAlign(ColumnTextAlign.END)
                .setKey("views");
        products.addColumn(p -> Formats.count(p.counters().purchases()))
                .setHeader("Purchases")
                .setTextAlign(ColumnTextAlign.END)
                .setKey("purchases");
        products.addColumn(p -> Formats.money(p.counters().revenueCents()))
                .setHeader("Revenue")
                .setTextAlign(ColumnTextAlign.END)
                .setKey("revenue");

        Div productsTitle = new Div(new Span("Top products"), hint("(all time, by revenue, then by views)"));
        productsTitle.addClassName("subsection-title");
        Div minutesTitle = new Div(new Span("Events per minute"), hint("(the chart's minutes above)"));
        minutesTitle.addClassName("subsection-title");
        add(
                heading,
                Card.row(cards, "brand", new String[][] {
                    {"events", "Events"},
                    {"views", "Views"},
                    {"carts", "Carts"},
                    {"purchases", "Purchases"},
                    {"revenue", "Revenue"},
                    {"window-events", "Events in window"},
                    {"window-revenue", "Revenue in window"}
                }),
                minutesTitle,
                minutesChart,
                productsTitle,
                products);
    }

    /** Shows {@code brand}: its drill-down once the feed has read it, else that it is being read. */
    void show(String brand, Optional<BrandDetail> detail, DashboardModel model) {
        name.setText(brand);
        if (detail.isEmpty()) {
            status.setText("(reading…)");
            return;
        }
        BrandDetail read = detail.get();
        List<MinuteMetrics> minutes = model.brandMinutes(read);
        Counters window = minutes.stream().map(MinuteMetrics::counters).reduce(Counters.ZERO, Counters::plus);
        status.setText(
                read.minutesIncomplete() ? "(some minutes not shown: too many other rows in its key range)" : "");
        Counters all = read.allTime();
        List<String> values = List.of(
                Formats.count(all.events()),
                Formats.count(all.views()),
                Formats.count(all.carts()),
                Formats.count(all.purchases()),
                Formats.money(all.revenueCents()),
                Formats.count(window.events()),
                Formats.money(window.revenueCents()));
        List<String> details = List.of(
                "all time", "all time", "all time", "all time", "all time", "selected window", "selected window");
        for (int i = 0; i < cards.size(); i++) {
            cards.get(i).show(values.get(i), details.get(i));
        }
        minutesChart.show(ChartOptions.eventsPerMinute(minutes));
        if (!shownProducts.equals(read.topProducts())) {
            shownProducts = read.topProducts();
            products.setItems(shownProducts);
        }
    }

    private static Span hint(String text) {
        Span hint = new Span(text);
        hint.addClassName("section-hint");
        return hint;
    }
}
