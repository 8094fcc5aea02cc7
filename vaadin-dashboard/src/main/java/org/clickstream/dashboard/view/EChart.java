package org.clickstream.dashboard.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;

/**
 * An Apache ECharts chart: the {@code <echarts-chart>} element of {@code webapp/dashboard/echarts-chart.js}.
 * The first {@link #show} sends the whole chart; later ones send only the data, which ECharts
 * merges in (and animates), and nothing at all when the data did not change.
 */
@Tag("echarts-chart")
public class EChart extends Component {
    private String shownData;

    public EChart(String id) {
        setId(id);
    }

    public void show(ChartSpec spec) {
        String data = spec.data().toString();
        if (shownData == null) {
            getElement().setProperty("option", spec.option().toString());
        } else if (!data.equals(shownData)) {
            getElement().setProperty("update", data);
        }
        shownData = data;
    }

    /** A chart's whole ECharts option, and the part of it that changes with the data. */
    public record ChartSpec(ObjectNode option, ObjectNode data) {}
}
