package io.cdcbundle.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.components.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code ${secrets:PATH:KEY}} references in connector configurations, failing closed. See {@link #OVERVIEW_DOC}.
 */
public class SecretsConfigProvider implements ConfigProvider, Versioned {

    public static final String OVERVIEW_DOC = "Secrets for connector configurations, so that connector JSON and the "
            + "REST API show only references. ${secrets:/run/secrets:db_password} reads the file db_password in a "
            + "mounted secret directory (one trailing newline removed); ${secrets:/etc/kafka/secrets.properties:db.password} "
            + "reads a key of a properties file, whose values may be encrypted (AES-256-GCM, cdc:v1:<key id>:...); "
            + "${secrets:env:DB_PASSWORD} reads an environment variable. Every path must lie under allowed.paths and "
            + "every variable must match env.allowed (both deny everything by default); an unknown or disallowed "
            + "reference is a ConfigException naming the reference, never the value.";

    public static final String ALLOWED_PATHS_CONFIG = "allowed.paths";
    public static final String ENV_ALLOWED_CONFIG = "env.allowed";
    public static final String KEYS_FILE_CONFIG = "keys.file";
    public static final String KEYS_ENV_CONFIG = "keys.env";
    public static final String TTL_MS_CONFIG = "ttl.ms";

    /** The path that selects environment variables: {@code ${secrets:env:NAME}}. */
    public static final String ENV_PATH = "env";

    // Parameter names are [a-z.] only: the debezium/connect image maps CONNECT_CONFIG_PROVIDERS_SECRETS_PARAM_ALLOWED_PATHS
    // to config.providers.secrets.param.allowed.paths, and cannot express '_', '-' or capitals.
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ALLOWED_PATHS_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH,
                    "Absolute directories and files that references may read, comma-separated; a reference to a path "
                            + "outside them (after resolving symbolic links) is refused. Empty (default): no file may "
                            + "be read.")
            .define(ENV_ALLOWED_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.HIGH,
                    "Regular expression that an environment variable's whole name must match to be read with "
                            + "${secrets:env:NAME}, e.g. 'DB_.*|CDC_.*'. Empty (default): no variable may be read.")
            .define(KEYS_FILE_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "Properties file of AES-256 keys, one '<key id>=<base64 key>' per line, for encrypted values. Keep "
                            + "every key id still in use: values encrypted with an old key stay readable during a rotation.")
            .define(KEYS_ENV_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                    "Environment variable holding AES-256 keys as '<key id>=<base64 key>,...' (instead of, or as "
                            + "well as, " + KEYS_FILE_CONFIG + ").")
            .define(TTL_MS_CONFIG, ConfigDef.Type.LONG, 0L, ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW,
                    "When above 0, resolved values carry this time-to-live: Connect then restarts the connector when "
                            + "it expires, so rotated secrets are read again. Connect restarts the connector only, not "
                            + "its tasks (KAFKA-17627): follow a rotation with POST "
                            + "/connectors/<name>/restart?includeTasks=true. 0 (default): no TTL.");

    private static final Logger log = LoggerFactory.getLogger(SecretsConfigProvider.class);

    private final Map<String, String> environment;
    private List<Path> allowedPaths = List.of();
    private Pattern envAllowed;
    private SecretCipher cipher = new SecretCipher(Map.of());
    private Long ttl;

    public SecretsConfigProvider() {
        this(System.getenv());
    }

    /** For tests: a given environment instead of the process's. */
    SecretsConfigProvider(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, Object> values = CONFIG_DEF.parse(configs);
        List<Path> allowed = new ArrayList<>();
        for (Object entry : (List<?>) values.get(ALLOWED_PATHS_CONFIG)) {
            Path path = pathOrNull(entry.toString());
            if (path == null) {
                throw new ConfigException(ALLOWED_PATHS_CONFIG, entry, "is not a valid path");
            }
            if (!path.isAbsolute()) {
                throw new ConfigException(ALLOWED_PATHS_CONFIG, entry, "must be an absolute path, e.g. /run/secrets");
            }
            try {
                allowed.add(path.toRealPath());
            } catch (IOException e) {
                throw new ConfigException(ALLOWED_PATHS_CONFIG, entry, "does not exist or cannot be read");
            }
        }
        allowedPaths = List.copyOf(allowed);
        String env = (String) values.get(ENV_ALLOWED_CONFIG);
        try {
            envAllowed = env.isEmpty() ? null : Pattern.compile(env);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(ENV_ALLOWED_CONFIG, env, "not a valid regular expression: " + e.getDescription());
        }
        Map<String, byte[]> keys = new HashMap<>();
        String keysFile = (String) values.get(KEYS_FILE_CONFIG);
        if (!keysFile.isEmpty()) {
            Path keysPath = pathOrNull(keysFile);
            if (keysPath == null) {
                throw new ConfigException(KEYS_FILE_CONFIG, keysFile, "is not a valid path");
            }
            try {
                keys.putAll(SecretKeys.fromFile(keysPath));
            } catch (IOException e) {
                throw new ConfigException(KEYS_FILE_CONFIG, keysFile, "cannot be read: " + e.getClass().getSimpleName());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(KEYS_FILE_CONFIG, keysFile, e.getMessage());
            }
        }
        String keysEnv = (String) values.get(KEYS_ENV_CONFIG);
        if (!keysEnv.isEmpty()) {
            String value = environment.get(keysEnv);
            if (value == null) {
                throw new ConfigException(KEYS_ENV_CONFIG, keysEnv, "no such environment variable");
            }
            try {
                keys.putAll(SecretKeys.fromVariable(keysEnv, value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(KEYS_ENV_CONFIG, keysEnv, e.getMessage());
            }
        }
        try {
            cipher = new SecretCipher(keys);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(keysFile.isEmpty() ? KEYS_ENV_CONFIG : KEYS_FILE_CONFIG, e.getMessage());
        }
        long ttlMs = (Long) values.get(TTL_MS_CONFIG);
        ttl = ttlMs > 0 ? ttlMs : null;
        log.info("SecretsConfigProvider: allowed paths {}, environment variables matching '{}', key ids {}, ttl {}",
                allowedPaths, env, keys.keySet(), ttl == null ? "none" : ttl + " ms");
    }

    @Override
    public ConfigData get(String path) {
        if (ENV_PATH.equals(path)) {
            return get(path, envAllowed == null ? Set.of() : environment.keySet().stream()
                    .filter(n -> envAllowed.matcher(n).matches()).collect(java.util.stream.Collectors.toSet()));
        }
        Path target = allowedTarget(path, null);
        try {
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    return get(path, files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                            .collect(java.util.stream.Collectors.toSet()));
                }
            }
            requireRegularFile(target, path, null);
            return get(path, loadProperties(target, path, null).stringPropertyNames());
        } catch (IOException e) {
            throw refused(path, null, "cannot be read");
        }
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> data = new HashMap<>();
        if (ENV_PATH.equals(path)) {
            for (String key : keys) {
                data.put(key, decrypt(path, key, environmentVariable(key)));
            }
            return new ConfigData(data, ttl);
        }
        Path target = allowedTarget(path, keys.isEmpty() ? null : keys.iterator().next());
        if (Files.isDirectory(target)) {
            for (String key : keys) {
                data.put(key, decrypt(path, key, readSecretFile(target, path, key)));
            }
        } else {
            requireRegularFile(target, path, keys.isEmpty() ? null : keys.iterator().next());
            Properties props = loadProperties(target, path, keys.isEmpty() ? null : keys.iterator().next());
            for (String key : keys) {
                String value = props.getProperty(key);
                if (value == null) {
                    throw refused(path, key, "has no key of that name");
                }
                data.put(key, decrypt(path, key, value));
            }
        }
        return new ConfigData(data, ttl);
    }

    private String environmentVariable(String name) {
        if (envAllowed == null || !envAllowed.matcher(name).matches()) {
            throw refused(ENV_PATH, name, "is not allowed: the variable must match " + ENV_ALLOWED_CONFIG + " ("
                    + (envAllowed == null ? "empty: no variable is allowed" : envAllowed.pattern()) + ")");
        }
        String value = environment.get(name);
        if (value == null) {
            throw refused(ENV_PATH, name, "names no environment variable of the worker");
        }
        return value;
    }

    /** A path, or null where the platform has none of that name (a NUL character, on Linux). */
    private static Path pathOrNull(String path) {
        try {
            return Path.of(path);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** A named pipe or device would block or never end: only a regular file is read as a properties file. */
    private static void requireRegularFile(Path target, String path, String key) {
        if (!Files.isRegularFile(target)) {
            throw refused(path, key, "is neither a directory nor a regular file");
        }
    }

    /** {@code path} with symbolic links resolved, if it lies under an allowed path. */
    private Path allowedTarget(String path, String key) {
        Path requested = pathOrNull(path);
        if (requested == null) {
            throw refused(path, key, "is not a valid path");
        }
        if (!requested.isAbsolute()) {
            throw refused(path, key, "is not an absolute path (or '" + ENV_PATH + "' for environment variables)");
        }
        Path real;
        try {
            real = requested.toRealPath();
        } catch (IOException e) {
            throw refused(path, key, "does not exist");
        }
        for (Path allowed : allowedPaths) {
            if (real.startsWith(allowed)) {
                return real;
            }
        }
        throw refused(path, key, "is not under " + ALLOWED_PATHS_CONFIG + " " + allowedPaths);
    }

    /** One file of a mounted secret directory; one trailing newline (editors and echo add it) is not the secret's. */
    private String readSecretFile(Path directory, String path, String key) {
        if (key.isEmpty() || key.contains("/") || key.contains("\\") || key.contains("\0") || key.equals(".")
                || key.equals("..")) {
            throw refused(path, key, "is not a plain file name");
        }
        Path file = directory.resolve(key);
        if (!Files.isRegularFile(file)) {
            throw refused(path, key, "names no file in that directory");
        }
        try {
            Path real = file.toRealPath();
            if (allowedPaths.stream().noneMatch(real::startsWith)) {
                throw refused(path, key, "links outside " + ALLOWED_PATHS_CONFIG);
            }
            String value = Files.readString(real, StandardCharsets.UTF_8);
            if (value.endsWith("\r\n")) {
                return value.substring(0, value.length() - 2);
            }
            return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        } catch (IOException e) {
            throw refused(path, key, "cannot be read");
        }
    }

    private Properties loadProperties(Path file, String path, String key) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
            return props;
        } catch (IOException | IllegalArgumentException e) {
            throw refused(path, key, "cannot be read as a properties file");
        }
    }

    private String decrypt(String path, String key, String value) {
        if (!SecretCipher.isEncrypted(value)) {
            return value;
        }
        try {
            return cipher.decrypt(key, value);
        } catch (IllegalArgumentException e) {
            throw refused(path, key, "cannot be decrypted: " + e.getMessage());
        }
    }

    /** Names the reference and the reason; never a value. */
    private static ConfigException refused(String path, String key, String why) {
        String reference = key == null ? "path '" + path + "'" : "${<provider>:" + path + ":" + key + "}";
        return new ConfigException("Secret reference " + reference + " refused: " + (key == null ? "the path " : "")
                + why);
    }

    @Override
    public String version() {
        String version = SecretsConfigProvider.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    @Override
    public void close() {
    }
}
