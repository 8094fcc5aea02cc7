package org.clickstream.profile;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.List;
import java.util.Locale;

/**
 * Bar charts as inline SVG, drawn here so that the HTML report needs no script and no network. Every
 * label is HTML-escaped: it is data (a brand, say) and must stay text.
 */
final class SvgCharts {
    private static final String FILL = "#4e79a7";
    private static final int WIDTH = 720;

    private SvgCharts() {
    }

    /** One bar: what it is, how long it is, and the text printed next to it. */
    record Bar(String label, double value, String caption) {
    }

    /** Bars from left to right, one row each, longest value full width. */
    static String horizontal(String title, List<Bar> bars) {
        int labelWidth = 180;
        int captionWidth = 130;
        int rowHeight = 22;
        double scale = (WIDTH - labelWidth - captionWidth) / Math.max(max(bars), 1e-9);
        StringBuilder svg = open(title, WIDTH, bars.size() * rowHeight + 8);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 4 + i * rowHeight;
            double length = Math.max(bar.value() * scale, bar.value() > 0 ? 1 : 0);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>"
                            + "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                    labelWidth - 6, y + 15, escapeHtml4(Formats.shorten(bar.label(), 26, "…")),
                    labelWidth, y + 3, length, rowHeight - 6, FILL, escapeHtml4(bar.label()), escapeHtml4(bar.caption()),
                    labelWidth + length + 5, y + 15, escapeHtml4(bar.caption())));
        }
        return svg.append("</svg>").toString();
    }

    /** Columns from left to right (a histogram), labels underneath, captions on top. */
    static String vertical(String title, List<Bar> bars) {
        int height = 280;
        int top = 24;
        int bottom = 40;
        double columnWidth = (double) WIDTH / Math.max(bars.size(), 1);
        double scale = (height - top - bottom) / Math.max(max(bars), 1e-9);
        StringBuilder svg = open(title, WIDTH, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double length = Math.max(bar.value() * scale, bar.value() > 0 ? 1 : 0);
            double x = i * columnWidth;
            double centre = x + columnWidth / 2;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x + 3, height - bottom - length, columnWidth - 6, length, FILL,
                    escapeHtml4(bar.label()), escapeHtml4(bar.caption()),
                    centre, height - bottom - length - 5, escapeHtml4(bar.caption()),
                    centre, height - bottom + 16, escapeHtml4(bar.label())));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height, escapeHtml4(title)));
    }

    private static double max(List<Bar> bars) {
        return bars.stream().mapToDouble(Bar::value).max().orElse(0);
    }
}
