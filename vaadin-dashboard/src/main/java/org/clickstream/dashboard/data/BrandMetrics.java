package org.clickstream.dashboard.data;

/** One row of {@code metrics_by_brand}: a normalised brand (untrusted text) and its all-time counters. */
public record BrandMetrics(String brand, Counters counters) {
}
