package org.clickstream.profile;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.clickstream.profile.Report.Block;
import org.clickstream.profile.Report.Cell;
import org.clickstream.profile.Report.Field;
import org.clickstream.profile.Report.Fields;
import org.clickstream.profile.Report.Section;
import org.clickstream.profile.Report.Table;

/** The report as plain text, section by section like the pandas profile it replaces; charts are left out. */
final class TextReport {
    private static final String RULE = "=".repeat(100);
    private static final String LINE = "-".repeat(100);
    private static final int LABEL_WIDTH = 24;
    private static final int NUMBER_WIDTH = 12;

    private TextReport() {}

    static void write(Report report, PrintWriter out) {
        out.println(RULE);
        out.println(report.title().toUpperCase(Locale.ROOT));
        out.println(RULE);
        out.println("Input: " + Formats.printable(report.input()));
        int number = 0;
        for (Section section : report.sections()) {
            out.println();
            out.println(++number + ". " + section.title().toUpperCase(Locale.ROOT)
                    + (section.subtitle() == null ? "" : " (" + section.subtitle() + ")"));
            out.println(LINE);
            if (section.note() != null) {
                out.println(section.note());
            }
            for (Block block : section.blocks()) {
                if (block instanceof Fields fields) {
                    fields(fields, out);
                } else if (block instanceof Table table) {
                    table(table, out);
                }
            }
        }
        out.println(RULE);
        out.flush();
    }

    private static void fields(Fields fields, PrintWriter out) {
        if (fields.title() != null) {
            out.println(fields.title() + ":");
        }
        for (Field field : fields.fields()) {
            out.printf("%-" + LABEL_WIDTH + "s %s%n", text(field.label()), text(Formats.show(field.value())));
        }
    }

    private static void table(Table table, PrintWriter out) {
        if (table.title() != null) {
            out.println(table.title() + ":");
        }
        List<Cell> firstRow = table.rows().isEmpty() ? List.of() : table.rows().get(0);
        List<List<String>> grid = new ArrayList<>();
        grid.add(table.columns().stream().map(c -> c.label()).toList());
        for (List<Cell> row :
                table.rows().subList(0, Math.min(table.shown(), table.rows().size()))) {
            grid.add(row.stream().map(cell -> text(Formats.show(cell))).toList());
        }
        int columns = grid.get(0).size();
        boolean[] textColumn = new boolean[columns];
        for (int c = 1; c < columns && !table.transposed(); c++) {
            textColumn[c] = c < firstRow.size() && !Formats.isNumber(firstRow.get(c));
        }
        if (table.transposed()) {
            List<List<String>> turned = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                List<String> line = new ArrayList<>();
                for (List<String> row : grid) {
                    line.add(row.get(c));
                }
                turned.add(line);
            }
            grid = turned;
            columns = grid.get(0).size();
            textColumn = new boolean[columns];
        }
        int[] widths = new int[columns];
        for (List<String> row : grid) {
            for (int c = 1; c < columns; c++) {
                int length = textColumn[c]
                        ? Math.min(LABEL_WIDTH, row.get(c).length())
                        : row.get(c).length();
                widths[c] = Math.max(widths[c], textColumn[c] ? length : Math.max(NUMBER_WIDTH, length));
            }
        }
        for (List<String> row : grid) {
            StringBuilder line = new StringBuilder(
                    String.format("%-" + LABEL_WIDTH + "s", Formats.shorten(row.get(0), LABEL_WIDTH, "~")));
            for (int c = 1; c < columns; c++) {
                String cell = textColumn[c] ? Formats.shorten(row.get(c), LABEL_WIDTH, "~") : row.get(c);
                String padding = " ".repeat(widths[c] - cell.length());
                line.append(' ').append(textColumn[c] ? cell + padding : padding + cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String text(String value) {
        return Formats.printable(value);
    }
}
