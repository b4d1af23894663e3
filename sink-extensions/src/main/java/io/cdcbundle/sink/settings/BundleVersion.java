package io.cdcbundle.sink.settings;

/** The bundle's version as the jar's manifest states it, for {@code version()} and the REST API. */
public final class BundleVersion {

    public static final String VERSION = read();

    private BundleVersion() {
    }

    private static String read() {
        String version = BundleVersion.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
