package io.cdcbundle.transforms;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.transforms.Transformation;

/** What every transform's test checks the same way. */
final class TransformTesting {

    private TransformTesting() {
    }

    static Map<String, String> props(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    /** configure() refuses the configuration with a ConfigException that names {@code property}. */
    static void assertConfigError(Transformation<?> transform, String property, String... keyValues) {
        ConfigException e = assertThrows(ConfigException.class, () -> transform.configure(props(keyValues)));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    static <T extends Transformation<?>> void assertEveryOptionDocumented(T transform) {
        transform.configure(Map.of());
        for (var key : transform.config().configKeys().values()) {
            assertTrue(key.documentation != null && key.documentation.length() > 20, key.name);
        }
        // version() comes from the jar's manifest, which classes on a test classpath lack ("unknown" here): the lab's
        // PluginPathTest and VersionLinePipelineTest check the real version, listed by real workers from our jars.
    }
}
