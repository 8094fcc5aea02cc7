package org.clickstream.dashboard.data;

import java.util.Optional;
import org.clickstream.core.hbase.ProductDetails;

/**
 * A product of a leaderboard: its id, its value on the board (views, or revenue in cents) and its
 * brand and category from {@code metrics_by_product} (empty when the row has none yet).
 */
public record RankedProduct(String productId, long value, Optional<ProductDetails> details) {}
