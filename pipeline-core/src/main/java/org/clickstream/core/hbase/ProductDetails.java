package org.clickstream.core.hbase;

import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The descriptive cells of a product row (family {@code d}, UTF-8 text): the normalised brand and the
 * category code of the product's latest event (by event time; at equal times the larger brand, then
 * category code).
 */
public record ProductDetails(String brand, String categoryCode) {
    private static final byte[] BRAND = Bytes.toBytes(Qualifiers.BRAND);
    private static final byte[] CATEGORY_CODE = Bytes.toBytes(Qualifiers.CATEGORY_CODE);

    public Put addTo(Put put) {
        return put.addColumn(TableLayout.DETAILS_FAMILY, BRAND, Bytes.toBytes(brand))
                .addColumn(TableLayout.DETAILS_FAMILY, CATEGORY_CODE, Bytes.toBytes(categoryCode));
    }

    /** The details of a product row, or {@code null} when it has none. */
    public static ProductDetails read(Result result) {
        byte[] brand = result.getValue(TableLayout.DETAILS_FAMILY, BRAND);
        byte[] code = result.getValue(TableLayout.DETAILS_FAMILY, CATEGORY_CODE);
        return brand == null || code == null ? null : new ProductDetails(Bytes.toString(brand), Bytes.toString(code));
    }
}
