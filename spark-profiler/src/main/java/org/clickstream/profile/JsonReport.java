package org.clickstream.profile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.clickstream.profile.Report.Block;
import org.clickstream.profile.Report.Cell;
import org.clickstream.profile.Report.Count;
import org.clickstream.profile.Report.Decimal;
import org.clickstream.profile.Report.Field;
import org.clickstream.profile.Report.Fields;
import org.clickstream.profile.Report.Id;
import org.clickstream.profile.Report.Percent;
import org.clickstream.profile.Report.Section;
import org.clickstream.profile.Report.Table;
import org.clickstream.profile.Report.Text;

/**
 * The machine-readable report: every keyed part of the {@link Report}, all rows. Exact quantities
 * (counts, minima, maxima, quantiles, money) are exact decimal numbers; means, standard deviations
 * and percentages doubles (the double nearest the exact value); undefined values (pandas' NaN) null.
 */
final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private JsonReport() {}

    static void write(Report report, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(report));
    }

    static ObjectNode toJson(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        for (Section section : report.sections()) {
            ObjectNode container = section.jsonKey() == null ? root : root.putObject(section.jsonKey());
            for (Block block : section.blocks()) {
                if (block instanceof Fields fields) {
                    ObjectNode target = fields.jsonKey() == null ? container : container.putObject(fields.jsonKey());
                    for (Field field : fields.fields()) {
                        if (field.jsonKey() != null) {
                            put(target, field.jsonKey(), field.value());
                        }
                    }
                } else if (block instanceof Table table) {
                    putTable(container, table);
                }
            }
        }
        return root;
    }

    private static void putTable(ObjectNode container, Table table) {
        List<Report.Column> columns = table.columns();
        if (table.shape() == Table.Shape.LIST) {
            ArrayNode array = container.putArray(table.jsonKey());
            for (List<Cell> row : table.rows()) {
                ObjectNode node = array.addObject();
                for (int c = 0; c < columns.size(); c++) {
                    put(node, columns.get(c).jsonKey(), row.get(c));
                }
            }
            return;
        }
        ObjectNode object = container.putObject(table.jsonKey());
        for (List<Cell> row : table.rows()) {
            String key = ((Text) row.get(0)).value();
            if (table.shape() == Table.Shape.FLAT) {
                put(object, key, row.get(1));
            } else {
                ObjectNode node = object.putObject(key);
                for (int c = 1; c < columns.size(); c++) {
                    put(node, columns.get(c).jsonKey(), row.get(c));
                }
            }
        }
    }

    private static void put(ObjectNode node, String key, Cell cell) {
        if (cell instanceof Text text) {
            node.put(key, text.value());
        } else if (cell instanceof Count count) {
            node.put(key, count.value());
        } else if (cell instanceof Id id) {
            node.put(key, id.value());
        } else if (cell instanceof Percent percent) {
            node.put(key, percent.value());
        } else {
            Decimal decimal = (Decimal) cell;
            if (decimal.value() == null) {
                node.putNull(key);
            } else if (decimal.exact()) {
                node.put(key, Formats.exact(decimal.value()));
            } else {
                node.put(key, decimal.value().doubleValue());
            }
        }
    }
}
