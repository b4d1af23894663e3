package io.cdcbundle.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the AES keys come from: a properties file of {@code <key id>=<base64 key>} lines, or an environment
 * variable holding {@code <key id>=<base64 key>,<key id>=<base64 key>}. Never from connector configuration.
 */
final class SecretKeys {

    private SecretKeys() {
    }

    static Map<String, byte[]> fromFile(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (String id : props.stringPropertyNames()) {
            keys.put(id, decode(id, props.getProperty(id)));
        }
        return keys;
    }

    static Map<String, byte[]> fromVariable(String name, String value) {
        Map<String, byte[]> keys = new HashMap<>();
        for (String entry : value.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("environment variable " + name + " must hold "
                        + "<key id>=<base64 key> pairs separated by commas");
            }
            keys.put(entry.substring(0, eq).trim(), decode(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()));
        }
        return keys;
    }

    private static byte[] decode(String id, String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + id + "' is not valid base64");
        }
    }
}
