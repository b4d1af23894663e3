package io.cdcbundle.sink.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Debezium version a rule depends on, from the running JDBC sink's version() (e.g. 3.5.0.Final). */
public record DebeziumLine(int major, int minor, int patch) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    public static DebeziumLine of(String version) {
        Matcher m = version == null ? null : VERSION.matcher(version);
        if (m == null || !m.matches()) {
            return new DebeziumLine(3, 5, 0); // the tested line
        }
        return new DebeziumLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** The line of the Debezium JDBC sink this class was loaded next to (in its plugin directory). */
    public static DebeziumLine running() {
        return of(new io.debezium.connector.jdbc.JdbcSinkConnectorTask().version());
    }

    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** 3.0.2 renamed table.* to collection.* (DBZ-8346). */
    public boolean hasCollectionNames() {
        return atLeast(3, 1) || (major == 3 && minor == 0 && patch >= 2);
    }

    /**
     * Whether cdc-bundle's dialect can run here. It implements Debezium's DatabaseDialect, whose signatures changed
     * five times between 2.7 and 3.5 (e.g. io.debezium.metadata.CollectionId does not exist in 2.7); it is built and
     * tested against 3.5. On an older line the sink runs Debezium's own dialect instead.
     */
    public boolean runsBundleDialect() {
        return atLeast(3, 5);
    }

    /** What a sink on a line without cdc-bundle's dialect does not get, for the warning that says so. */
    public static final String WITHOUT_BUNDLE_DIALECT = "no refusal of a DELETE or UPDATE without a key predicate, "
            + "unavailable-value placeholders written over the target's values, Debezium's own type mapping (see "
            + "docs/type-mapping.md), no reconnect after a lost target connection (the task fails), no overlapped or "
            + "multi-row writes";

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
