package org.clickstream.dashboard.view;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import org.clickstream.dashboard.data.PipelineStatus;
import org.clickstream.dashboard.feed.FeedState;
import org.clickstream.dashboard.feed.MetricsFeed;

/**
 * The dashboard page. It never reads HBase itself: it subscribes to the shared {@link MetricsFeed}
 * while attached and redraws from each state the feed pushes. Every piece of event data (brand
 * names) reaches the browser as text: {@code setText}, Grid text columns, chart JSON.
 */
@Route("")
@PageTitle("Clickstream dashboard")
public class DashboardView extends VerticalLayout {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What main hands to every view: the feed and how old a processor heartbeat may get. */
    public record Services(MetricsFeed feed, Duration staleAfter, Clock clock) {
    }

    private final Services services;
    private final Span subtitle = new Span();
    private final Div notices = new Div();
    private final RadioButtonGroup<TimeWindow> windowChoice = new RadioButtonGroup<>();
    private final Div emptyState = new Div();
    private final Div content = new Div();
    private final Span windowHint = new Span();
    private final Span chartHint = new Span();
    private final List<Card> windowCards = new ArrayList<>();
    private final List<Card> allTimeCards = new ArrayList<>();
    private final List<Card> healthCards = new ArrayList<>();
    private final EChart perMinuteChart = new EChart("chart-per-minute");
    private final EChart brandChart = new EChart("chart-brands");
    private final EChart funnelChart = new EChart("chart-funnel");
    private final List<BrandRow> brandRows = new ArrayList<>();
    private final ListDataProvider<BrandRow> brandData = new ListDataProvider<>(brandRows);
    private final Grid<BrandRow> brandGrid = new Grid<>();
    private FeedState state;
    private Registration subscription;

    public DashboardView() {
        this.services = VaadinService.getCurrent().getContext().getAttribute(Services.class);
        addClassName("dashboard");
        setPadding(false);
        setSpacing(false);
        setDefaultHorizontalComponentAlignment(Alignment.STRETCH);
        state = services.feed().latest();

        H1 title = new H1("Clickstream dashboard");
        subtitle.addClassName("dashboard-subtitle");
        subtitle.setId("subtitle");
        Div heading = new Div(title, subtitle);
        windowChoice.setId("window");
        windowChoice.setLabel("Window (event time, up to the newest minute)");
        windowChoice.setItems(TimeWindow.values());
        windowChoice.setItemLabelGenerator(TimeWindow::label);
        windowChoice.setValue(TimeWindow.LAST_HOUR);
        windowChoice.addThemeVariants(RadioGroupVariant.LUMO_HELPER_ABOVE_FIELD);
        windowChoice.addValueChangeListener(event -> render());
        Div header = new Div(heading, windowChoice);
        header.addClassName("dashboard-header");

        notices.setId("notices");
        // Hidden by CSS when empty, not by setVisible: Vaadin stops updating the children of an
        // invisible component, which would leave stale banners in the page.
        notices.addClassName("notices");
        emptyState.setId("empty-state");
        emptyState.addClassName("empty-state");
        emptyState.setText("No data yet. Start the pipeline (scripts/demo, or scripts/produce and scripts/process): "
                + "this page fills in by itself within a second of the first micro-batch.");

        content.setWidthFull();
        content.add(sectionTitle("Selected window", windowHint), cards(windowCards, "window"),
                sectionTitle("All time", new Span("(brand table totals)")), cards(allTimeCards, "all"),
                sectionTitle("Pipeline health", new Span("(row 'processor' of ecommerce:pipeline)")), healthCards(),
                charts(), sectionTitle("Brand performance", new Span("(all time; click a header to sort)")), brandGrid());

        add(header, notices, emptyState, content);
        setWidthFull();
        render();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        subscription = services.feed().subscribe(event.getUI(), newState -> {
            state = newState;
            render();
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        subscription.remove();
        subscription = null;
    }

    private void render() {
        Instant now = services.clock().instant();
        DashboardModel model = DashboardModel.of(state.data(), windowChoice.getValue());
        renderNotices(now);
        subtitle.setText(model.newestMinute()
                .map(minute -> "Newest event minute " + MINUTE.format(minute) + " · " + state.sourceName())
                .orElse("Waiting for data · " + state.sourceName()));
        emptyState.setVisible(model.isEmpty());
        content.setVisible(!model.isEmpty());
        if (model.isEmpty()) {
            return;
        }
        TimeWindow window = model.timeWindow();
        windowHint.setText(window == TimeWindow.ALL_TIME ? "(all time)"
                : "(" + window.label().toLowerCase(Locale.ROOT) + " of event time, up to "
                        + model.newestMinute().map(MINUTE::format).orElse("") + ")");
        chartHint.setText(window == TimeWindow.ALL_TIME ? "(newest 24 h of event time, UTC)"
                : "(" + window.label().toLowerCase(Locale.ROOT) + ", UTC)");
        showKpis(windowCards, model.window());
        showKpis(allTimeCards, model.allTime());
        showHealth(now);
        perMinuteChart.show(ChartOptions.eventsPerMinute(model.chartMinutes()));
        brandChart.show(ChartOptions.brands(model.topBrands(ChartOptions.TOP_BRANDS)));
        funnelChart.show(ChartOptions.funnel(model.window()));
        if (!brandRows.equals(model.brands())) {
            brandRows.clear();
            brandRows.addAll(model.brands());
            brandData.refreshAll();
        }
    }

    private void renderNotices(Instant now) {
        notices.removeAll();
        for (Notices.Notice notice : Notices.of(state, now, services.staleAfter())) {
            Div banner = new Div();
            banner.addClassNames("notice", notice.level().name().toLowerCase(Locale.ROOT));
            banner.setText(notice.text());
            notices.add(banner);
        }
    }

    private static void showKpis(List<Card> cards, Kpis kpis) {
        var t = kpis.totals();
        List<String> values = List.of(Formats.count(t.events()), Formats.count(t.views()), Formats.count(t.carts()),
                Formats.count(t.purchases()), Formats.money(t.revenueCents()), Formats.percent(kpis.viewToCart()),
                Formats.percent(kpis.viewToPurchase()), Formats.percent(kpis.cartToPurchase()));
        for (int i = 0; i < cards.size(); i++) {
            cards.get(i).value.setText(values.get(i));
        }
    }

    private void showHealth(Instant now) {
        PipelineStatus status = state.data().pipeline().orElse(null);
        boolean stale = status != null && Duration.between(status.lastBatchTime(), now).compareTo(services.staleAfter()) > 0;
        List<String> values = status == null ? Collections.nCopies(healthCards.size(), Formats.NOT_AVAILABLE)
                : List.of(Formats.age(Duration.between(status.lastBatchTime(), now)) + " ago",
                        Formats.count(status.rowsPerSecond()) + " rows/s",
                        Formats.count(status.kafkaLag()),
                        Formats.count(status.lateRowsTotal()),
                        Formats.count(status.rejectsTotal()),
                        Formats.millis(status.batchDurationMs()));
        List<String> details = status == null ? Collections.nCopies(healthCards.size(), "")
                : List.of("batch #" + status.lastBatchId(), Formats.count(status.inputRows()) + " rows in last batch",
                        "records not yet processed", Formats.count(status.lateRows()) + " in last batch",
                        "malformed records kept", "last batch");
        for (int i = 0; i < healthCards.size(); i++) {
            healthCards.get(i).value.setText(values.get(i));
            healthCards.get(i).detail.setText(details.get(i));
        }
        healthCards.get(0).getElement().getClassList().set("stale", stale);
    }

    private static Div sectionTitle(String text, Span hint) {
        hint.addClassName("section-hint");
        Div title = new Div(new Span(text), hint);
        title.addClassName("section-title");
        return title;
    }

    private static Div cards(List<Card> into, String idPrefix) {
        String[][] specs = {
            {"events", "Events"}, {"views", "Views"}, {"carts", "Carts"}, {"purchases", "Purchases"},
            {"revenue", "Revenue"}, {"view-to-cart", "View → cart"}, {"view-to-purchase", "View → purchase"},
            {"cart-to-purchase", "Cart → purchase"}};
        Div row = new Div();
        row.addClassName("cards");
        for (String[] spec : specs) {
            Card card = new Card(idPrefix + "-" + spec[0], spec[1]);
            into.add(card);
            row.add(card);
        }
        return row;
    }

    private Div healthCards() {
        String[][] specs = {
            {"batch-age", "Last batch"}, {"throughput", "Throughput"}, {"lag", "Kafka lag"},
            {"late", "Late rows dropped"}, {"rejects", "Rejects"}, {"duration", "Batch duration"}};
        Div row = new Div();
        row.addClassName("cards");
        for (String[] spec : specs) {
            Card card = new Card("health-" + spec[0], spec[1]);
            healthCards.add(card);
            row.add(card);
        }
        return row;
    }

    private Div charts() {
        Div charts = new Div(
                wide(panel(new H3("Events per minute by type"), chartHint, perMinuteChart)),
                panel(new H3("Top 10 brands by revenue"), new Span("(all time)"), brandChart),
                panel(new H3("Conversion funnel"), new Span("(selected window)"), funnelChart));
        charts.addClassName("charts");
        return charts;
    }

    private static Div wide(Div panel) {
        panel.addClassName("wide");
        return panel;
    }

    private static Div panel(H3 title, Span hint, EChart chart) {
        hint.addClassName("section-hint");
        title.add(hint);
        Div panel = new Div(title, chart);
        panel.addClassName("chart-panel");
        return panel;
    }

    private Grid<BrandRow> brandGrid() {
        brandGrid.setId("brand-grid");
        brandGrid.addClassName("brand-grid");
        brandGrid.setItems(brandData);
        Grid.Column<BrandRow> brand = brandGrid.addColumn(BrandRow::brand).setHeader("Brand")
                .setComparator(Comparator.comparing(BrandRow::brand)).setFlexGrow(2).setKey("brand");
        number("Events", BrandRow::events, Formats::count);
        number("Views", BrandRow::views, Formats::count);
        number("Carts", BrandRow::carts, Formats::count);
        number("Purchases", BrandRow::purchases, Formats::count);
        number("Avg price", BrandRow::averagePriceCents, Formats::money);
        number("Total value", BrandRow::priceSumCents, Formats::money);
        Grid.Column<BrandRow> revenue = number("Revenue", BrandRow::revenueCents, Formats::money);
        brandGrid.addColumn(row -> Formats.percent(row.conversion())).setHeader("Conversion")
                .setComparator(Comparator.comparingDouble(row -> row.conversion().orElse(-1)))
                .setTextAlign(ColumnTextAlign.END).setKey("conversion");
        brandGrid.setColumnReorderingAllowed(false);
        brandGrid.sort(List.of(new GridSortOrder<>(revenue, SortDirection.DESCENDING)));
        brand.setFrozen(true);
        return brandGrid;
    }

    private Grid.Column<BrandRow> number(String header, ToLongFunction<BrandRow> value, LongFunction<String> format) {
        return brandGrid.addColumn(row -> format.apply(value.applyAsLong(row))).setHeader(header)
                .setComparator(Comparator.comparingLong(value)).setTextAlign(ColumnTextAlign.END)
                .setKey(header.toLowerCase(Locale.ROOT).replace(' ', '-'));
    }

    /** A KPI card: label, value, small detail line. */
    private static final class Card extends Div {
        final Span value = new Span();
        final Span detail = new Span();

        Card(String id, String label) {
            setId(id);
            addClassName("card");
            Div labelDiv = new Div(new Span(label));
            labelDiv.addClassName("card-label");
            value.addClassName("card-value");
            value.setId(id + "-value");
            detail.addClassName("card-detail");
            add(labelDiv, new Div(value), new Div(detail));
        }
    }
}
