package org.clickstream.dashboard.feed;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.communication.PushConnection;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.clickstream.dashboard.data.BrandDetail;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.MetricsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of the metrics source: a single scheduler thread reads it every interval (while
 * any page is open) and pushes the result to every subscribed UI through {@link UI#access}, so the
 * source's load does not grow with the number of open pages. A page that drills into a brand says
 * so on its subscription; each refresh reads the drill-downs of the brands chosen, each brand once
 * however many pages chose it, and at most {@value #MAX_BRANDS_PER_REFRESH} of them (more take
 * turns, the least recently read first), so a refresh stays bounded however many pages are open.
 */
public final class MetricsFeed implements AutoCloseable {
    public static final int MAX_BRANDS_PER_REFRESH = 4;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFeed.class);
    private static final int MAX_ERROR_LENGTH = 240;

    /** A page's subscription: ends deliveries when removed, and names the brand the page drills into. */
    public interface Subscription extends Registration {
        void showBrand(Optional<String> brand);
    }

    private static final class Subscriber {
        final UI ui;
        final SerializableConsumer<FeedState> listener;
        volatile String brand;

        Subscriber(UI ui, SerializableConsumer<FeedState> listener) {
            this.ui = ui;
            this.listener = listener;
        }
    }

    /** A drill-down and the refresh that read it. */
    private record BrandRead(BrandDetail detail, long refresh) {}

    private final MetricsSource source;
    private final int minutes;
    private final Clock clock;
    private final Map<Object, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-feed");
        thread.setDaemon(true);
        return thread;
    });
    // Only the scheduler thread (or a test calling refresh) touches these.
    private final Map<String, BrandRead> brandReads = new HashMap<>();
    private long refreshes;
    private RefreshStats previousRefresh = RefreshStats.NONE;
    private boolean primed;
    private volatile FeedState latest;

    /** Reads {@code minutes} minutes of event time each time (see {@link MetricsSource#read}). */
    public MetricsFeed(MetricsSource source, int minutes, Clock clock) {
        this.source = source;
        this.minutes = minutes;
        this.clock = clock;
        this.latest = FeedState.initial(source.describe());
    }

    /**
     * Starts reading every {@code interval} (at a fixed rate, so new data shows within one interval
     * plus one read; one thread, so a slow read delays the next instead of overlapping it).
     */
    public MetricsFeed start(Duration interval) {
        scheduler.scheduleAtFixedRate(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Delivers the latest state to {@code listener} now and after every read, inside
     * {@code ui.access}, until the returned subscription is removed (a view does that on detach).
     */
    public Subscription subscribe(UI ui, SerializableConsumer<FeedState> listener) {
        Object key = new Object();
        Subscriber subscriber = new Subscriber(ui, listener);
        subscribers.put(key, subscriber);
        deliver(key, subscriber, latest);
        return new Subscription() {
            @Override
            public void remove() {
                subscribers.remove(key);
            }

            @Override
            public void showBrand(Optional<String> brand) {
                subscriber.brand = brand.orElse(null);
            }
        };
    }

    public FeedState latest() {
        return latest;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /**
     * One read and fan-out; runs on the scheduler thread (and directly in tests). The first read
     * happens even with no page open, so the connection is ready (or the log says why not).
     */
    void refresh() {
        if (subscribers.isEmpty() && primed) {
            return;
        }
        primed = true;
        refreshes++;
        long started = System.nanoTime();
        long rows = 0;
        int brandsRead = 0;
        try {
            MetricsData data = source.read(minutes);
            rows += data.cost().rows();
            Set<String> chosen = new LinkedHashSet<>();
            subscribers.values().forEach(subscriber -> {
                String brand = subscriber.brand;
                if (brand != null) {
                    chosen.add(brand);
                }
            });
            brandReads.keySet().retainAll(chosen);
            if (data.newestMinute().isPresent()) {
                Instant last = data.newestMinute().get();
                Instant first = last.minus(minutes - 1L, ChronoUnit.MINUTES);
                List<String> due = chosen.stream()
                        .sorted(Comparator.comparingLong(brand -> brandReads.containsKey(brand)
                                ? brandReads.get(brand).refresh()
                                : -1))
                        .limit(MAX_BRANDS_PER_REFRESH)
                        .toList();
                for (String brand : due) {
                    BrandDetail detail = source.readBrand(brand, first, last);
                    rows += detail.cost().rows();
                    brandReads.put(brand, new BrandRead(detail, refreshes));
                    brandsRead++;
                }
            }
            Map<String, BrandDetail> brands = new HashMap<>();
            brandReads.forEach((brand, read) -> brands.put(brand, read.detail()));
            latest = latest.succeeded(data, brands, clock.instant(), previousRefresh);
        } catch (Exception e) {
            // Anything: the scheduler stops for good if its task throws.
            String why = oneLine(e);
            if (latest.error().isEmpty()) {
                LOG.warn("cannot read {}: {}", source.describe(), why);
            }
            latest = latest.failed(why, previousRefresh);
        }
        long read = System.nanoTime();
        FeedState state = latest;
        int pages = 0;
        for (Map.Entry<Object, Subscriber> entry : List.copyOf(subscribers.entrySet())) {
            if (reachable(entry.getValue().ui)) {
                deliver(entry.getKey(), entry.getValue(), state);
                pages++;
            }
        }
        previousRefresh = new RefreshStats(
                rows, (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000, pages, brandsRead);
    }

    /**
     * A page whose push connection is gone (a closed tab: Vaadin keeps its UI until the session
     * expires) is not redrawn; it gets the next state once it reconnects.
     */
    private static boolean reachable(UI ui) {
        PushConnection push = ui.getInternals().getPushConnection();
        return push == null || push.isConnected();
    }

    private void deliver(Object key, Subscriber subscriber, FeedState state) {
        try {
            subscriber.ui.access(() -> subscriber.listener.accept(state));
        } catch (UIDetachedException e) {
            subscribers.remove(key);
        }
    }

    /** An exception as one short line: its root cause's class and first line of message. */
    public static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        message = message.lines().findFirst().orElse("").strip();
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) + "…" : message;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
