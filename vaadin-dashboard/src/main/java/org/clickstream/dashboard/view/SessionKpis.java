package org.clickstream.dashboard.view;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.clickstream.dashboard.data.SessionCounters;

/** The session funnel's numbers over one window, derived as CONTRACT.md says readers derive them. */
public record SessionKpis(SessionCounters totals) {

    public OptionalDouble sessionToCart() {
        return Kpis.share(totals.cartSessions(), totals.sessions());
    }

    public OptionalDouble sessionToPurchase() {
        return Kpis.share(totals.purchaseSessions(), totals.sessions());
    }

    /** {@code revenue_cents / purchase_sessions}, rounded to the cent. */
    public Optional<Long> averageOrderValueCents() {
        return totals.purchaseSessions() == 0
                ? Optional.empty()
                : Optional.of(Math.round((double) totals.revenueCents() / totals.purchaseSessions()));
    }

    /** {@code events / sessions}. */
    public OptionalDouble eventsPerSession() {
        return Kpis.share(totals.events(), totals.sessions());
    }

    /** {@code duration_seconds / sessions}, to the second. */
    public Optional<Duration> averageLength() {
        return totals.sessions() == 0
                ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Math.round((double) totals.durationSeconds() / totals.sessions())));
    }
}
