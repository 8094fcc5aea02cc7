package org.clickstream.core.hbase;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The HBase tables of docs/CONTRACT.md in one namespace (default {@value #DEFAULT_NAMESPACE}; two
 * pipelines on one HBase use two namespaces). {@link #createMissing} is what the processor runs at
 * start; {@link #shellScript()} is {@code hbase-config/create-tables.hbase}, the same tables from
 * {@code hbase shell} (a test keeps the file equal to it).
 */
public final class TableLayout implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String DEFAULT_NAMESPACE = "ecommerce";
    public static final Duration DEFAULT_REJECTS_TTL = Duration.ofDays(7);

    public static final byte[] METRICS_FAMILY = Bytes.toBytes("m");
    /** Text attributes of a row (a product's brand and category). */
    public static final byte[] DETAILS_FAMILY = Bytes.toBytes("d");
    /**
     * All-time tables: the totals scripts/backfill loaded (counters as in {@code m}); the stream adds
     * what it counts after the backfill to them.
     */
    public static final byte[] BASE_FAMILY = Bytes.toBytes("b");

    public static final byte[] BOARDS_FAMILY = Bytes.toBytes("t");
    public static final byte[] REJECTS_FAMILY = Bytes.toBytes("r");
    public static final byte[] PIPELINE_FAMILY = Bytes.toBytes("s");

    public static final String SESSIONS = "sessions_by_minute";
    public static final String LEADERBOARDS = "leaderboards";
    public static final String REJECTS = "rejects";
    public static final String PIPELINE = "pipeline";

    // HBase's own rule for namespace names.
    private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9_]+");

    /** One table: its name in the namespace, its column families, what its rows are (for people). */
    public record Table(String simpleName, List<String> families, boolean expires, String rows) {}

    /** Every table, in the order the contract lists them. */
    public static final List<Table> TABLES = tables();

    private final String namespace;

    private TableLayout(String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("an HBase namespace is letters, digits and '_': " + namespace);
        }
        this.namespace = namespace;
    }

    public static TableLayout of(String namespace) {
        return new TableLayout(namespace);
    }

    public static TableLayout defaultLayout() {
        return new TableLayout(DEFAULT_NAMESPACE);
    }

    public String namespace() {
        return namespace;
    }

    public TableName table(String simpleName) {
        return TableName.valueOf(namespace, simpleName);
    }

    public TableName table(MetricTable metric) {
        return table(metric.simpleName());
    }

    public TableName sessions() {
        return table(SESSIONS);
    }

    public TableName leaderboards() {
        return table(LEADERBOARDS);
    }

    public TableName rejects() {
        return table(REJECTS);
    }

    public TableName pipeline() {
        return table(PIPELINE);
    }

    /** Every table of the namespace. */
    public List<TableName> tableNames() {
        return TABLES.stream().map(t -> table(t.simpleName())).toList();
    }

    private static List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        for (MetricTable metric : MetricTable.values()) {
            List<String> families = new ArrayList<>(List.of("m"));
            if (!metric.perMinute()) {
                families.add("b");
            }
            if (metric == MetricTable.PRODUCT) {
                families.add("d");
            }
            tables.add(new Table(metric.simpleName(), List.copyOf(families), false, rowsOf(metric)));
        }
        tables.add(new Table(SESSIONS, List.of("m"), false, "yyyyMMddHHmm of session start"));
        tables.add(new Table(
                LEADERBOARDS, List.of("t"), false, "dimension|scope|measure: a top-" + Leaderboard.SIZE + " list"));
        tables.add(new Table(REJECTS, List.of("r"), true, "topic/partition/offset"));
        tables.add(new Table(PIPELINE, List.of("s"), false, "'processor', 'sessions': health of the last batch"));
        return List.copyOf(tables);
    }

    private static String rowsOf(MetricTable metric) {
        String value =
                switch (metric.dimension()) {
                    case NONE -> metric.perMinute() ? null : "'" + MetricTable.TOTAL_ROW + "'";
                    case BRAND -> "normalised brand";
                    case CATEGORY -> "top-level category";
                    case CATEGORY_CODE -> "category code";
                    case PRODUCT -> "product id";
                    case BRAND_PRODUCT -> "normalised brand|product id";
                };
        if (!metric.perMinute()) {
            return value;
        }
        return value == null ? "yyyyMMddHHmm (UTC)" : value + "|yyyyMMddHHmm";
    }

    /**
     * Creates the namespace and every table that does not exist yet, and adds families a table made
     * by an older version lacks; safe to run concurrently.
     *
     * @param rejectsTtl how long rejects are kept (the rejects table's time to live)
     */
    public void createMissing(Admin admin, Duration rejectsTtl) throws IOException {
        try {
            admin.getNamespaceDescriptor(namespace);
        } catch (NamespaceNotFoundException e) {
            try {
                admin.createNamespace(NamespaceDescriptor.create(namespace).build());
            } catch (NamespaceExistException raced) {
                // another process created it meanwhile
            }
        }
        // The missing tables all at once (the master creates them side by side): one by one, a new
        // namespace took ~8 s.
        List<Future<Void>> creating = new ArrayList<>();
        for (Table table : TABLES) {
            TableName name = table(table.simpleName());
            if (admin.tableExists(name)) {
                addMissingFamilies(admin, name, table);
                continue;
            }
            TableDescriptorBuilder descriptor = TableDescriptorBuilder.newBuilder(name);
            for (String family : table.families()) {
                ColumnFamilyDescriptorBuilder columns = ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes(family))
                        .setMaxVersions(1);
                if (table.expires()) {
                    columns.setTimeToLive((int) Math.min(Integer.MAX_VALUE, rejectsTtl.toSeconds()));
                }
                descriptor.setColumnFamily(columns.build());
            }
            try {
                creating.add(admin.createTableAsync(descriptor.build()));
            } catch (TableExistsException raced) {
                // another process created it meanwhile
            }
        }
        for (Future<Void> table : creating) {
            try {
                table.get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TableExistsException)) {
                    throw new IOException("could not create a table in namespace " + namespace, e.getCause());
                }
                // another process created it meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while creating tables in namespace " + namespace);
            } catch (TimeoutException e) {
                throw new IOException(
                        "HBase did not create the tables of namespace " + namespace + " within 2 minutes", e);
            }
        }
    }

    /** A table made by an older version lacks families added since (e.g. the backfill's base): add them. */
    private static void addMissingFamilies(Admin admin, TableName name, Table table) throws IOException {
        var descriptor = admin.getDescriptor(name);
        for (String family : table.families()) {
            if (!descriptor.hasColumnFamily(Bytes.toBytes(family))) {
                admin.addColumnFamily(
                        name,
                        ColumnFamilyDescriptorBuilder.newBuilder(Bytes.toBytes(family))
                                .setMaxVersions(1)
                                .build());
            }
        }
    }

    /** {@code hbase-config/create-tables.hbase}: the same tables from {@code hbase shell}. */
    public static String shellScript() {
        StringBuilder script = new StringBuilder();
        script.append("""
                # Creates the namespace and the tables of docs/CONTRACT.md. Safe to run again: existing ones are
                # left as they are. Generated from pipeline-core's TableLayout (a test keeps this file equal to it).
                #   scripts/hbase-shell -n hbase-config/create-tables.hbase
                #   CLICKSTREAM_NAMESPACE=shop2 REJECTS_TTL_SECONDS=86400 scripts/hbase-shell -n hbase-config/create-tables.hbase
                # (the processor creates the same tables at start).

                ns = ENV.fetch('CLICKSTREAM_NAMESPACE', '%s')
                rejects_ttl = Integer(ENV.fetch('REJECTS_TTL_SECONDS', '%d'))

                # (@shell.admin answers quietly; the list_namespace and exists commands print as they go.)
                create_namespace ns unless @shell.admin.list_namespace(ns).include?(ns)

                """.formatted(DEFAULT_NAMESPACE, DEFAULT_REJECTS_TTL.toSeconds()));
        script.append("{\n");
        int width = TABLES.stream().mapToInt(t -> t.simpleName().length()).max().orElse(0) + 2;
        for (Table table : TABLES) {
            String families = String.join(
                    ", ", table.families().stream().map(f -> "'" + f + "'").toList());
            script.append(String.format(
                    "  %-" + width + "s => [%s],%s # rows: %s%n",
                    "'" + table.simpleName() + "'",
                    families,
                    " ".repeat(Math.max(0, 10 - families.length())),
                    table.rows()));
        }
        script.append("""
                }.each do |table, families|
                  name = "#{ns}:#{table}"
                  if @shell.admin.exists?(name)
                    puts "#{name} exists"
                  else
                    ttl = table == '%s' ? { TTL => rejects_ttl } : {}
                    create name, *families.map { |family| { NAME => family, VERSIONS => 1 }.merge(ttl) }
                    puts "#{name} created"
                  end
                end
                exit
                """.formatted(REJECTS));
        return script.toString();
    }

    /** Prints {@link #shellScript()}: how {@code hbase-config/create-tables.hbase} is regenerated. */
    public static void main(String[] args) {
        System.out.print(shellScript());
    }
}
