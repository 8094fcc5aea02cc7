package org.clickstream.dashboard.feed;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.clickstream.dashboard.data.MetricsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of the metrics source: a single scheduler thread reads it every interval (while
 * any page is open) and pushes the result to every subscribed UI through {@link UI#access}, so the
 * source's load does not grow with the number of open pages.
 */
public final class MetricsFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFeed.class);
    private static final int MAX_ERROR_LENGTH = 240;

    private record Subscriber(UI ui, SerializableConsumer<FeedState> listener) {
    }

    private final MetricsSource source;
    private final int minutes;
    private final Clock clock;
    private final Map<Object, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-feed");
        thread.setDaemon(true);
        return thread;
    });
    private volatile FeedState latest;
    private boolean primed;

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
     * {@code ui.access}, until the returned registration is removed (a view does that on detach).
     */
    public Registration subscribe(UI ui, SerializableConsumer<FeedState> listener) {
        Object key = new Object();
        Subscriber subscriber = new Subscriber(ui, listener);
        subscribers.put(key, subscriber);
        deliver(key, subscriber, latest);
        return () -> subscribers.remove(key);
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
        try {
            latest = latest.succeeded(source.read(minutes), clock.instant());
        } catch (Exception e) {
            // Anything: the scheduler stops for good if its task throws.
            String why = oneLine(e);
            if (latest.error().isEmpty()) {
                LOG.warn("cannot read {}: {}", source.describe(), why);
            }
            latest = latest.failed(why);
        }
        FeedState state = latest;
        for (Map.Entry<Object, Subscriber> entry : List.copyOf(subscribers.entrySet())) {
            deliver(entry.getKey(), entry.getValue(), state);
        }
    }

    private void deliver(Object key, Subscriber subscriber, FeedState state) {
        try {
            subscriber.ui().access(() -> subscriber.listener().accept(state));
        } catch (UIDetachedException e) {
            subscribers.remove(key);
        }
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
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
