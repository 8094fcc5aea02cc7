package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.clickstream.core.hbase.HealthRow;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void anotherQueryThatWroteWithinAMinuteOwnsTheNamespace() {
        HealthRow live = health("q-other", NOW - 5_000);
        assertThatThrownBy(() -> Ownership.check(live, "q-ours", "shop", NOW))
                .isInstanceOf(Ownership.Conflict.class)
                .hasMessageContaining("namespace shop")
                .hasMessageContaining("q-other")
                .hasMessageContaining("topic events")
                .hasMessageContaining("5 s ago");
        assertThatThrownBy(() -> Ownership.check(live, null, "shop", NOW)).isInstanceOf(Ownership.Conflict.class);
    }

    @Test
    void ourOwnQueryAnIdleOneOrNoneDoesNot() {
        assertThatCode(() -> Ownership.check(health("q-ours", NOW - 1_000), "q-ours", "shop", NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> Ownership.check(health("q-other", NOW - 61_000), "q-ours", "shop", NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> Ownership.check(null, null, "shop", NOW)).doesNotThrowAnyException();
    }

    private static HealthRow health(String queryId, long lastBatchMs) {
        return new HealthRow(3, lastBatchMs, 10, 5, 100, 0, 0, 0, 0L, queryId, "events");
    }
}
