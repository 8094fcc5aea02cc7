package org.clickstream.dashboard.data;

import java.util.Optional;
import org.clickstream.core.hbase.ProductDetails;

/** A row of {@code metrics_by_product}: the id, its brand and category (empty when absent) and its all-time counters. */
public record ProductMetrics(String productId, Optional<ProductDetails> details, Counters counters) {}
