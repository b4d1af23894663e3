package io.cdcbundle.sink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Debezium version a rule depends on, from the running JDBC sink's version() (e.g. 3.5.0.Final). */
record DebeziumLine(int major, int minor, int patch) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    static DebeziumLine of(String version) {
        Matcher m = version == null ? null : VERSION.matcher(version);
        if (m == null || !m.matches()) {
            return new DebeziumLine(3, 5, 0); // the tested line
        }
        return new DebeziumLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** 3.0.2 renamed table.* to collection.* (DBZ-8346). */
    boolean hasCollectionNames() {
        return atLeast(3, 1) || (major == 3 && minor == 0 && patch >= 2);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
