package io.cdcbundle.converter;

/**
 * A record this converter leaves to JsonConverter: a value it does not read or write itself, so that JsonConverter
 * gives its own result or error. Thrown without a stack trace: a routine detour, not an error.
 */
final class ToJsonConverter extends RuntimeException {

    static final ToJsonConverter INSTANCE = new ToJsonConverter();

    private ToJsonConverter() {
        super(null, null, false, false);
    }
}
