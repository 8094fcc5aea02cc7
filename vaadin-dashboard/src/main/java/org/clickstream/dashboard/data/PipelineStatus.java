package org.clickstream.dashboard.data;

import java.time.Instant;

/** The processor's health row ({@code ecommerce:pipeline}, row {@code processor}, family {@code s}). */
public record PipelineStatus(long lastBatchId, Instant lastBatchTime, long inputRows, long rowsPerSecond,
        long batchDurationMs, long lateRows, long lateRowsTotal, long rejectsTotal, long kafkaLag) {
}
