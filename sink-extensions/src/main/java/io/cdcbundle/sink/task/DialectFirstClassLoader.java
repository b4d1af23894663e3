package io.cdcbundle.sink.task;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.debezium.connector.jdbc.dialect.DatabaseDialectProvider;

import io.cdcbundle.sink.dialect.SafeDialectProvider;

/**
 * The plugin's class loader, except that the dialect lookup of the Debezium JDBC sink (a ServiceLoader over the
 * thread's context class loader, first supporting provider wins) finds {@link SafeDialectProvider} before
 * Debezium's providers. Without it the winner depends on how jar names sort in the plugin directory.
 */
final class DialectFirstClassLoader extends ClassLoader {

    static final String SERVICE = "META-INF/services/" + DatabaseDialectProvider.class.getName();
    /** Our providers, under a name Debezium's own connector never reads. */
    static final String OURS = "META-INF/cdc-bundle/" + DatabaseDialectProvider.class.getName();

    DialectFirstClassLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> found = super.getResources(name);
        if (!SERVICE.equals(name)) {
            return found;
        }
        List<URL> ordered = new ArrayList<>();
        URL ours = getParent().getResource(OURS);
        if (ours != null) {
            ordered.add(ours);
        }
        ordered.addAll(Collections.list(found));
        return Collections.enumeration(ordered);
    }
}
