package org.clickstream.dashboard.view;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/** A KPI card: label, value ({@code <id>-value}), small detail line. */
final class Card extends Div {
    private final Span value = new Span();
    private final Span detail = new Span();

    Card(String id, String label) {
        setId(id);
        addClassName("card");
        Div labelDiv = new Div(new Span(label));
        labelDiv.addClassName("card-label");
        value.addClassName("card-value");
        value.setId(id + "-value");
        detail.addClassName("card-detail");
        add(labelDiv, new Div(value), new Div(detail));
    }

    void show(String newValue, String newDetail) {
        value.setText(newValue);
        detail.setText(newDetail);
    }

    /** A row of cards {@code <idPrefix>-<key>}, from {key, label} pairs. */
    static Div row(List<Card> into, String idPrefix, String[][] keysAndLabels) {
        Div row = new Div();
        row.addClassName("cards");
        for (String[] spec : keysAndLabels) {
            Card card = new Card(idPrefix + "-" + spec[0], spec[1]);
            into.add(card);
            row.add(card);
        }
        return row;
    }
}
