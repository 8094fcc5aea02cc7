package org.clickstream.dashboard.view;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import java.util.List;
import java.util.function.LongFunction;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.dashboard.data.RankedProduct;

/** A product leaderboard in its order: rank, product, brand, category (untrusted text) and the board's value. */
final class RankedProductsGrid extends Grid<RankedProduct> {
    private List<RankedProduct> shown = List.of();

    RankedProductsGrid(String id, String valueHeader, LongFunction<String> format) {
        setId(id);
        addClassName("products-grid");
        addThemeVariants(GridVariant.LUMO_COMPACT);
        setAllRowsVisible(true);
        addColumn(product -> Integer.toString(shown.indexOf(product) + 1))
                .setHeader("#")
                .setFlexGrow(0)
                .setWidth("3.5em")
                .setKey("rank");
        addColumn(RankedProduct::productId).setHeader("Product").setKey("product");
        addColumn(product -> product.details().map(ProductDetails::brand).orElse(Formats.NOT_AVAILABLE))
                .setHeader("Brand")
                .setKey("brand");
        addColumn(product -> product.details().map(ProductDetails::categoryCode).orElse(Formats.NOT_AVAILABLE))
                .setHeader("Category")
                .setFlexGrow(2)
                .setKey("category");
        addColumn(product -> format.apply(product.value()))
                .setHeader(valueHeader)
                .setTextAlign(ColumnTextAlign.END)
                .setKey("value");
    }

    void show(List<RankedProduct> products) {
        if (!shown.equals(products)) {
            shown = products;
            setItems(products);
        }
    }
}
