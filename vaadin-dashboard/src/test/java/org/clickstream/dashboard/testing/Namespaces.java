package org.clickstream.dashboard.testing;

import java.io.IOException;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.HBaseTables;

/** Each test class reads its own namespace, so classes never see each other's rows. */
public final class Namespaces {

    private Namespaces() {}

    /** The namespace's tables, new and empty (dropping them first is faster than truncating 13 tables). */
    public static void fresh(Connection connection, TableLayout layout) throws IOException {
        HBaseTables.dropNamespace(connection, layout.namespace());
        try (Admin admin = connection.getAdmin()) {
            layout.createMissing(admin, TableLayout.DEFAULT_REJECTS_TTL);
        }
    }
}
