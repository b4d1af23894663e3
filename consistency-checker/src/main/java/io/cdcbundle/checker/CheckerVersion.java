package io.cdcbundle.checker;

/** The checker's version as its jar's manifest states it (Implementation-Version), for the REST API. */
final class CheckerVersion {

    static final String VERSION = String.valueOf(CheckerVersion.class.getPackage().getImplementationVersion())
            .replace("null", "unknown");

    private CheckerVersion() {
    }
}
