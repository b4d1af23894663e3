package io.cdcbundle.sink.rules;

/**
 * One problem in a connector configuration.
 *
 * @param error    true: the connector must not be created; false: a recommendation
 * @param property the property the message belongs to (REST validation attaches it there)
 * @param message  what is wrong and what to write instead; never a property's secret value
 */
public record Finding(boolean error, String property, String message) {

    public static Finding error(String property, String message) {
        return new Finding(true, property, message);
    }

    public static Finding warning(String property, String message) {
        return new Finding(false, property, message);
    }

    @Override
    public String toString() {
        return (error ? "ERROR " : "WARNING ") + property + ": " + message;
    }
}
