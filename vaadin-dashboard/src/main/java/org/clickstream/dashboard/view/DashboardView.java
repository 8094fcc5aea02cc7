package org.clickstream.dashboard.view;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.dashboard.data.BrandSearch;
import org.clickstream.dashboard.data.Counters;
import org.clickstream.dashboard.data.MetricsSource;
import org.clickstream.dashboard.feed.FeedState;
import org.clickstream.dashboard.feed.MetricsFeed;
import org.clickstream.dashboard.feed.RefreshStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard page. It never reads HBase itself (except a brand search a person types): it
 * subscribes to the shared {@link MetricsFeed} while attached and redraws from each state the
 * feed pushes. Every piece of event data (brands, categories) reaches the browser as text:
 * {@code setText}, Grid text columns, ComboBox labels, chart JSON.
 */
@Route("")
@PageTitle("Clickstream dashboard")
public class DashboardView extends VerticalLayout {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardView.class);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:00 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * What main hands to every view: the feed, the brand search, how old a processor heartbeat may
     * get, and the pipeline table's name (for messages).
     */
    public record Services(
            MetricsFeed feed, BrandSearch search, Duration staleAfter, Clock clock, String pipelineTable) {}

    private final Services services;
    private final Span subtitle = new Span();
    private final Div notices = new Div();
    private final RadioButtonGroup<TimeWindow> windowChoice = new RadioButtonGroup<>();
    private final Div emptyState = new Div();
    private final Div content = new Div();
    private final Span windowHint = new Span();
    private final Span chartHint = new Span();
    private final Span allTimeHint = new Span();
    private final Span productsHint = new Span();
    private final List<Card> windowCards = new ArrayList<>();
    private final List<Card> allTimeCards = new ArrayList<>();
    private final List<Card> healthCards = new ArrayList<>();
    private final List<Card> sessionCards = new ArrayList<>();
    private final EChart perMinuteChart = new EChart("chart-per-minute");
    private final EChart brandChart = new EChart("chart-brands");
    private final EChart categoryChart = new EChart("chart-categories");
    private final EChart funnelChart = new EChart("chart-funnel");
    private final EChart sessionFunnelChart = new EChart("chart-session-funnel");
    private final RankedProductsGrid productsByRevenue =
            new RankedProductsGrid("hour-products-revenue", "Revenue", Formats::money);
    private final RankedProductsGrid productsByViews =
            new RankedProductsGrid("hour-products-views", "Views", Formats::count);
    private final CountersGrid categoryCodeGrid = new CountersGrid("category-code-grid", "Category code");
    private final CountersGrid brandGrid = new CountersGrid("brand-grid", "Brand");
    private final ComboBox<String> brandSearch = new ComboBox<>();
    private final BrandPanel brandPanel = new BrandPanel(() -> chooseBrand(Optional.empty()));
    private FeedState state;
    private MetricsFeed.Subscription subscription;
    private Optional<String> chosenBrand = Optional.empty();

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

        brandPanel.setVisible(false);
        content.setWidthFull();
        content.add(
                sectionTitle("Selected window", windowHint),
                Card.row(windowCards, "window", KPI_CARDS),
                sectionTitle("All time", allTimeHint),
                Card.row(allTimeCards, "all", KPI_CARDS),
                sectionTitle("Pipeline health", new Span("(row 'processor' of " + services.pipelineTable() + ")")),
                Card.row(healthCards, "health", HEALTH_CARDS),
                charts(),
                sectionTitle("Sessions", new Span("(started in the chart's minutes; a session counts once closed)")),
                Card.row(sessionCards, "sessions", SESSION_CARDS),
                topProducts(),
                sectionTitle("Category codes", new Span("(all time: the top codes by events and by revenue)")),
                categoryCodeGrid,
                sectionTitle(
                        "Brand performance",
                        new Span("(all time: the top brands by events and by revenue; "
                                + "click a row, or find any brand, to drill down)")),
                brandSearch(),
                brandGrid,
                brandPanel);

        add(header, notices, emptyState, content);
        setWidthFull();
        render();
    }

    private static final String[][] KPI_CARDS = {
        {"events", "Events"},
        {"views", "Views"},
        {"carts", "Carts"},
        {"purchases", "Purchases"},
        {"revenue", "Revenue"},
        {"view-to-cart", "View → cart"},
        {"view-to-purchase", "View → purchase"},
        {"cart-to-purchase", "Cart → purchase"}
    };
    private static final String[][] HEALTH_CARDS = {
        {"batch-age", "Last batch"}, {"throughput", "Throughput"}, {"lag", "Kafka lag"},
        {"late", "Late rows dropped"}, {"rejects", "Rejects"}, {"duration", "Batch duration"},
        {"refresh", "Dashboard refresh"}
    };
    private static final String[][] SESSION_CARDS = {
        {"sessions", "Sessions"}, {"cart-sessions", "With cart"}, {"purchase-sessions", "With purchase"},
        {"order-value", "Avg order value"}, {"events-per-session", "Events per session"}, {"length", "Avg length"}
    };

    @Override
    protected void onAttach(AttachEvent event) {
        subscription = services.feed().subscribe(event.getUI(), newState -> {
            state = newState;
            render();
        });
        subscription.showBrand(chosenBrand);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        subscription.remove();
        subscription = null;
    }

    private void chooseBrand(Optional<String> brand) {
        chosenBrand = brand;
        if (subscription != null) {
            subscription.showBrand(brand);
        }
        brandPanel.setVisible(brand.isPresent());
        if (brand.isEmpty()) {
            brandSearch.clear();
        }
        render();
        brand.ifPresent(ignored -> brandPanel.scrollIntoView());
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
        windowHint.setText(
                window == TimeWindow.ALL_TIME
                        ? "(all time)"
                        : "(" + window.label().toLowerCase(Locale.ROOT) + " of event time, up to "
                                + model.newestMinute().map(MINUTE::format).orElse("") + ")");
        chartHint.setText(
                window == TimeWindow.ALL_TIME
                        ? "(newest 24 h of event time, UTC)"
                        : "(" + window.label().toLowerCase(Locale.ROOT) + ", UTC)");
        allTimeHint.setText(model.allTime().isPresent() ? "(every event counted)" : "(not known yet)");
        showKpis(windowCards, model.window());
        showKpis(allTimeCards, model.allTime());
        showHealth(now);
        showSessions(model.sessions());
        perMinuteChart.show(ChartOptions.eventsPerMinute(model.chartMinutes()));
        brandChart.show(ChartOptions.topByRevenue(model.topBrands(ChartOptions.TOP_BARS)));
        categoryChart.show(ChartOptions.topByRevenue(model.topCategories(ChartOptions.TOP_BARS)));
        funnelChart.show(ChartOptions.funnel(model.window().orElse(new Kpis(Counters.ZERO))));
        sessionFunnelChart.show(ChartOptions.sessionFunnel(model.sessions()));
        productsHint.setText(model.topProducts()
                .hour()
                .map(hour -> "(hour " + HOUR.format(hour) + ", the newest with sales or views)")
                .orElse("(no hourly top list yet)"));
        productsByRevenue.show(model.topProducts().byRevenue());
        productsByViews.show(model.topProducts().byViews());
        categoryCodeGrid.show(model.categoryCodes());
        brandGrid.show(model.brands());
        chosenBrand.ifPresent(brand -> brandPanel.show(brand, state.brand(brand), model));
    }

    private void renderNotices(Instant now) {
        notices.removeAll();
        for (Notices.Notice notice : Notices.of(state, now, services.staleAfter(), services.pipelineTable())) {
            Div banner = new Div();
            banner.addClassNames("notice", notice.level().name().toLowerCase(Locale.ROOT));
            banner.setText(notice.text());
            notices.add(banner);
        }
    }

    private static void showKpis(List<Card> cards, Optional<Kpis> kpis) {
        List<String> values = kpis.map(k -> {
                    var t = k.totals();
                    return List.of(
                            Formats.count(t.events()),
                            Formats.count(t.views()),
                            Formats.count(t.carts()),
                            Formats.count(t.purchases()),
                            Formats.money(t.revenueCents()),
                            Formats.percent(k.viewToCart()),
                            Formats.percent(k.viewToPurchase()),
                            Formats.percent(k.cartToPurchase()));
                })
                .orElse(Collections.nCopies(cards.size(), Formats.NOT_AVAILABLE));
        for (int i = 0; i < cards.size(); i++) {
            cards.get(i).show(values.get(i), "");
        }
    }

    private void showSessions(SessionKpis kpis) {
        var t = kpis.totals();
        List<String> values = List.of(
                Formats.count(t.sessions()),
                Formats.count(t.cartSessions()),
                Formats.count(t.purchaseSessions()),
                kpis.averageOrderValueCents().map(Formats::money).orElse(Formats.NOT_AVAILABLE),
                Formats.decimal(kpis.eventsPerSession()),
                kpis.averageLength().map(Formats::age).orElse(Formats.NOT_AVAILABLE));
        List<String> details = List.of(
                "closed sessions",
                Formats.percent(kpis.sessionToCart()) + " of sessions",
                Formats.percent(kpis.sessionToPurchase()) + " of sessions",
                "per buying session",
                "",
                "last − first event");
        for (int i = 0; i < sessionCards.size(); i++) {
            sessionCards.get(i).show(values.get(i), details.get(i));
        }
    }

    private void showHealth(Instant now) {
        HealthRow status = state.data().pipeline().orElse(null);
        Instant lastBatch = status == null ? null : Instant.ofEpochMilli(status.lastBatchTimeMs());
        boolean stale = status != null && Duration.between(lastBatch, now).compareTo(services.staleAfter()) > 0;
        List<String> values = status == null
                ? Collections.nCopies(healthCards.size() - 1, Formats.NOT_AVAILABLE)
                : List.of(
                        Formats.age(Duration.between(lastBatch, now)) + " ago",
                        Formats.count(status.rowsPerSecond()) + " rows/s",
                        status.kafkaLag() == null ? Formats.NOT_AVAILABLE : Formats.count(status.kafkaLag()),
                        Formats.count(status.lateRowsTotal()),
                        Formats.count(status.rejectsTotal()),
                        Formats.millis(status.batchDurationMs()));
        List<String> details = status == null
                ? Collections.nCopies(healthCards.size() - 1, "")
                : List.of(
                        "batch #" + status.lastBatchId(),
                        Formats.count(status.inputRows()) + " rows in last batch",
                        "records not yet processed",
                        Formats.count(status.lateRows()) + " in last batch",
                        "malformed records kept",
                        "last batch");
        for (int i = 0; i < values.size(); i++) {
            healthCards.get(i).show(values.get(i), details.get(i));
        }
        healthCards.get(0).getElement().getClassList().set("stale", stale);
        RefreshStats refresh = state.previousRefresh();
        healthCards
                .get(healthCards.size() - 1)
                .show(
                        Formats.millis(refresh.totalMillis()),
                        Formats.count(refresh.rowsRead()) + " rows read · " + Formats.count(refresh.pages())
                                + (refresh.pages() == 1 ? " page" : " pages"));
    }

    private ComboBox<String> brandSearch() {
        brandSearch.setId("brand-search");
        brandSearch.setPlaceholder("Find a brand by its first letters");
        brandSearch.setClearButtonVisible(true);
        brandSearch.setWidth("24em");
        // Each keystroke is one bounded prefix scan of the brand table (names as stored: normalised).
        brandSearch.setItems(query -> {
            int offset = query.getOffset();
            int end = Math.min(offset + query.getLimit(), MetricsSource.MAX_BRAND_MATCHES);
            String typed = query.getFilter().orElse("");
            String prefix = typed.isBlank() ? "" : ClickEvent.normalizeBrand(typed);
            if (offset >= end) {
                return Stream.empty();
            }
            try {
                return services.search().brandsStartingWith(prefix, end).stream()
                        .skip(offset);
            } catch (IOException e) {
                LOG.warn("brand search failed: {}", MetricsFeed.oneLine(e));
                return Stream.empty();
            }
        });
        brandSearch.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                chooseBrand(Optional.of(event.getValue()));
            }
        });
        brandGrid.addItemClickListener(
                event -> chooseBrand(Optional.of(event.getItem().name())));
        return brandSearch;
    }

    private static Div sectionTitle(String text, Span hint) {
        hint.addClassName("section-hint");
        Div title = new Div(new Span(text), hint);
        title.addClassName("section-title");
        return title;
    }

    private Div charts() {
        Div charts = new Div(
                wide(panel(new H3("Events per minute by type"), chartHint, perMinuteChart)),
                panel(new H3("Top 10 brands by revenue"), new Span("(all time)"), brandChart),
                panel(
                        new H3("Top 10 categories by revenue"),
                        new Span("(all time, top-level categories)"),
                        categoryChart),
                panel(new H3("Event funnel"), new Span("(selected window: view, cart, purchase events)"), funnelChart),
                panel(
                        new H3("Session funnel"),
                        new Span("(sessions started in the chart's minutes)"),
                        sessionFunnelChart));
        charts.addClassName("charts");
        return charts;
    }

    private Div topProducts() {
        Div grids = new Div(titled("By revenue", productsByRevenue), titled("By views", productsByViews));
        grids.addClassName("charts");
        return new Div(sectionTitle("Top products of the newest hour", productsHint), grids);
    }

    private static Div titled(String text, RankedProductsGrid grid) {
        Div title = new Div(new Span(text));
        title.addClassName("subsection-title");
        Div panel = new Div(title, grid);
        panel.addClassName("chart-panel");
        return panel;
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
}
