package org.clickstream.dashboard.data;

import java.io.IOException;
import java.util.List;

/** The brand search of the page: what a person types is looked up as it comes, one bounded read each. */
public interface BrandSearch {
    /** Brands (normalised, as stored) that start with {@code prefix}, in key order, at most {@code limit} (and {@link MetricsSource#MAX_BRAND_MATCHES}). */
    List<String> brandsStartingWith(String prefix, int limit) throws IOException;
}
