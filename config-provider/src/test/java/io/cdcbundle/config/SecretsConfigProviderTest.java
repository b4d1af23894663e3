package io.cdcbundle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsConfigProviderTest {

    private static final String SECRET = "s3cret-Pa55word";
    private static final Map<String, String> ENV = Map.of("DB_PASSWORD", SECRET, "HOME_SECRET", "not-for-connectors",
            "CDC_KEYS", "k1=" + Base64.getEncoder().encodeToString(new byte[32]));

    @TempDir
    Path dir;
    private Path secrets;
    private Path keysFile;
    private final List<String> logged = new ArrayList<>();
    private AbstractAppender capture;
    private boolean configured;

    @BeforeEach
    void setUp() throws IOException {
        secrets = Files.createDirectories(dir.resolve("run/secrets"));
        Files.writeString(secrets.resolve("db_password"), SECRET + "\n");
        Files.writeString(secrets.resolve("windows"), SECRET + "\r\n");
        Files.writeString(secrets.resolve("bare"), SECRET);
        keysFile = dir.resolve("keys.properties");
        Files.writeString(keysFile, "k1=" + Base64.getEncoder().encodeToString(key(1)) + "\n"
                + "k2=" + Base64.getEncoder().encodeToString(key(2)) + "\n");

        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.getMessage().getFormattedMessage()
                        + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        capture.start();
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        context.getConfiguration().getRootLogger().setLevel(Level.ALL);
        context.updateLoggers();
    }

    @AfterEach
    void scanLogsForSecrets() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender("capture");
        context.updateLoggers();
        if (configured) {
            assertFalse(logged.isEmpty(), "configure() logs a line the capture did not see: the scan would prove nothing");
        }
        for (String line : logged) {
            assertFalse(line.contains(SECRET), "a secret value was logged: " + line);
        }
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }

    private SecretsConfigProvider provider(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        SecretsConfigProvider provider = new SecretsConfigProvider(ENV);
        provider.configure(props);
        configured = true;
        return provider;
    }

    private static String value(ConfigProvider provider, String path, String key) {
        return provider.get(path, Set.of(key)).data().get(key);
    }

    @Test
    void readsMountedSecretFilesWithoutTheirTrailingNewline() {
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets.toString());
        assertEquals(SECRET, value(p, secrets.toString(), "db_password"));
        assertEquals(SECRET, value(p, secrets.toString(), "windows"));
        assertEquals(SECRET, value(p, secrets.toString(), "bare"));
        assertEquals(Set.of("db_password", "windows", "bare"), p.get(secrets.toString()).data().keySet());
    }

    /** Kubernetes mounts secrets through ..data symbolic links; links may not lead out of the allowed paths. */
    @Test
    void followsSymbolicLinksOnlyWithinAllowedPaths() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("k8s/mount"));
        Path data = Files.createDirectories(mount.resolve("..2026_11_24"));
        Files.writeString(data.resolve("password"), SECRET);
        Files.createSymbolicLink(mount.resolve("password"), data.resolve("password"));
        Path outside = Files.writeString(dir.resolve("outside"), SECRET);
        Files.createSymbolicLink(mount.resolve("escape"), outside);

        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, mount.toString());
        assertEquals(SECRET, value(p, mount.toString(), "password"));
        assertRefused(() -> value(p, mount.toString(), "escape"), "escape");
    }

    @Test
    void readsPropertiesFilesWithPlainAndEncryptedValues() throws IOException {
        SecretCipher cipher = new SecretCipher(Map.of("k1", key(1), "k2", key(2)));
        Path file = dir.resolve("run/secrets.properties");
        Files.writeString(file, "plain=" + SECRET + "\n"
                + "db.password=" + cipher.encrypt("k2", "db.password", SECRET) + "\n");
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, file.toString(),
                SecretsConfigProvider.KEYS_FILE_CONFIG, keysFile.toString());
        assertEquals(SECRET, value(p, file.toString(), "plain"));
        assertEquals(SECRET, value(p, file.toString(), "db.password"));
        assertEquals(Map.of("plain", SECRET, "db.password", SECRET), p.get(file.toString()).data());
    }

    @Test
    void valuesOfOldAndNewKeysAreBothReadableDuringARotation() throws IOException {
        SecretCipher cipher = new SecretCipher(Map.of("k1", key(1), "k2", key(2)));
        Path file = dir.resolve("rotating.properties");
        Files.writeString(file, "old=" + cipher.encrypt("k1", "old", "old-" + SECRET) + "\n"
                + "new=" + cipher.encrypt("k2", "new", "new-" + SECRET) + "\n");
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, file.toString(),
                SecretsConfigProvider.KEYS_FILE_CONFIG, keysFile.toString());
        assertEquals("old-" + SECRET, value(p, file.toString(), "old"));
        assertEquals("new-" + SECRET, value(p, file.toString(), "new"));

        // Once k1 is retired, its values fail closed, naming the key id.
        Files.writeString(keysFile, "k2=" + Base64.getEncoder().encodeToString(key(2)) + "\n");
        SecretsConfigProvider rotated = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, file.toString(),
                SecretsConfigProvider.KEYS_FILE_CONFIG, keysFile.toString());
        assertEquals("new-" + SECRET, value(rotated, file.toString(), "new"));
        assertRefused(() -> value(rotated, file.toString(), "old"), "key id 'k1'");
    }

    @Test
    void encryptedValuesAreBoundToTheirPropertyAndKeyId() throws IOException {
        SecretCipher cipher = new SecretCipher(Map.of("k1", key(1), "k2", key(2)));
        String forA = cipher.encrypt("k1", "a", SECRET);
        String relabelled = forA.replace("cdc:v1:k1:", "cdc:v1:k2:");
        String damaged = forA.substring(0, forA.length() - 4) + (forA.endsWith("AAAA") ? "BBBB" : "AAAA");
        Path file = dir.resolve("moved.properties");
        Files.writeString(file, "b=" + forA + "\nrelabelled=" + relabelled + "\ndamaged=" + damaged + "\nshape=cdc:v1:k1\n");
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, file.toString(),
                SecretsConfigProvider.KEYS_FILE_CONFIG, keysFile.toString());
        for (String key : List.of("b", "relabelled", "damaged", "shape")) {
            assertRefused(() -> value(p, file.toString(), key), key);
        }
    }

    @Test
    void keysCanComeFromAnEnvironmentVariable() throws IOException {
        SecretCipher cipher = new SecretCipher(Map.of("k1", new byte[32]));
        Path file = dir.resolve("env-keys.properties");
        Files.writeString(file, "x=" + cipher.encrypt("k1", "x", SECRET) + "\n");
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, file.toString(),
                SecretsConfigProvider.KEYS_ENV_CONFIG, "CDC_KEYS");
        assertEquals(SECRET, value(p, file.toString(), "x"));
    }

    @Test
    void readsOnlyAllowedEnvironmentVariables() {
        SecretsConfigProvider p = provider(SecretsConfigProvider.ENV_ALLOWED_CONFIG, "DB_.*");
        assertEquals(SECRET, value(p, "env", "DB_PASSWORD"));
        assertEquals(Set.of("DB_PASSWORD"), p.get("env").data().keySet());
        assertRefused(() -> value(p, "env", "HOME_SECRET"), "HOME_SECRET");
        assertRefused(() -> value(p, "env", "DB_MISSING"), "DB_MISSING");
        assertRefused(() -> value(provider(), "env", "DB_PASSWORD"), "no variable is allowed");
    }

    @Test
    void failsClosedOnEveryUnknownOrDisallowedReference() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("db_password"), SECRET);
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets.toString());
        assertRefused(() -> value(p, secrets.toString(), "missing"), "missing");
        assertRefused(() -> value(p, secrets.toString(), "../db_password"), "../db_password");
        assertRefused(() -> value(p, other.toString(), "db_password"), "is not under allowed.paths");
        assertRefused(() -> value(p, secrets.resolve("../../other").toString(), "db_password"), "is not under");
        assertRefused(() -> value(p, "relative/dir", "db_password"), "not an absolute path");
        assertRefused(() -> value(p, dir.resolve("nowhere").toString(), "x"), "does not exist");
        assertRefused(() -> value(provider(), secrets.toString(), "db_password"), "is not under allowed.paths []");

        Path props = dir.resolve("run/app.properties");
        Files.writeString(props, "a=b\n");
        SecretsConfigProvider p2 = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, props.toString());
        assertRefused(() -> value(p2, props.toString(), "db.password"), "db.password");
    }

    /** Hostile references and values: each refused with a ConfigException that shows no part of a secret. */
    @Test
    void hostileReferencesAreRefusedAsConfigErrors() throws Exception {
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets.toString(),
                SecretsConfigProvider.KEYS_FILE_CONFIG, keysFile.toString());
        assertRefused(() -> value(p, secrets + "\u0000x", "db_password"), "is not a valid path");
        assertRefused(() -> value(p, secrets.toString(), "db\u0000password"), "is not a plain file name");
        assertConfigError(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, SecretsConfigProvider.ALLOWED_PATHS_CONFIG,
                "/run\u0000/secrets");

        // A ciphertext shorter than GCM's tag: the JDK throws ProviderException, which must not escape.
        String shortCiphertext = SecretCipher.PREFIX + "k1:" + Base64.getEncoder().encodeToString(new byte[12]) + ":"
                + Base64.getEncoder().encodeToString(new byte[3]);
        Files.writeString(secrets.resolve("short"), shortCiphertext);
        assertRefused(() -> value(p, secrets.toString(), "short"), "does not decrypt");

        // A plaintext that starts with the prefix: refused, and none of its parts quoted.
        Files.writeString(secrets.resolve("lookalike"), SecretCipher.PREFIX + SECRET + ":x:y");
        assertRefused(() -> value(p, secrets.toString(), "lookalike"), "a key id that is not among the configured keys");

        // A named pipe would block a reader for ever: refused at once.
        Path pipe = secrets.resolve("pipe.properties");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
        SecretsConfigProvider onPipe = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets.toString());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertRefused(() -> value(onPipe, pipe.toString(), "a"), "neither a directory nor a regular file");
            assertRefused(() -> onPipe.get(pipe.toString()), "neither a directory nor a regular file");
        });
    }

    /**
     * Generated references against a directory that holds a symbolic link out of it, a broken ciphertext and binary
     * bytes: every answer is a value read from an allowed place, or a ConfigException that quotes no value; never
     * another exception, and never the file outside or a variable not allowed.
     */
    @Test
    void generatedReferencesGiveAnAllowedValueOrAConfigException() throws IOException {
        String outsideSecret = "OUTSIDE-" + SECRET;
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("db_password"), outsideSecret);
        Files.createSymbolicLink(secrets.resolve("escape"), outside.resolve("db_password"));
        Files.writeString(secrets.resolve("enc"), SecretCipher.PREFIX + "k9:AAAA:BBBB");
        Files.write(secrets.resolve("binary"), new byte[] {0, (byte) 0xff, 10, 13});
        Files.writeString(dir.resolve("run/app.properties"), "db.password=" + SECRET + "\nbad=" + SecretCipher.PREFIX
                + "k1:!!:??\n");
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets + ","
                + dir.resolve("run/app.properties"), SecretsConfigProvider.KEYS_FILE_CONFIG, keysFile.toString(),
                SecretsConfigProvider.ENV_ALLOWED_CONFIG, "DB_.*");
        String[] paths = {secrets.toString(), secrets + "/", secrets + "/.", secrets + "/..", secrets + "/../secrets",
            dir.toString(), outside.toString(), "env", "ENV", "", "relative", secrets + "\u0000",
            secrets.resolve("db_password").toString(), dir.resolve("run/app.properties").toString(), "/", "~",
            secrets.resolve("escape").toString(), "é/😀"};
        String[] keys = {"db_password", "bare", "escape", "enc", "binary", "../outside/db_password", "", ".", "..",
            "DB_PASSWORD", "HOME_SECRET", "a/b", "\u0000", "x".repeat(300), "*", "db_password\n", "db.password", "bad"};
        java.util.Random random = new java.util.Random(7);
        int values = 0;
        for (int i = 0; i < 3000; i++) {
            String path = paths[random.nextInt(paths.length)];
            Set<String> asked = new java.util.HashSet<>();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                asked.add(keys[random.nextInt(keys.length)]);
            }
            try {
                ConfigData data = random.nextInt(5) == 0 ? p.get(path) : p.get(path, asked);
                for (Map.Entry<String, String> e : data.data().entrySet()) {
                    assertFalse(e.getValue().contains("OUTSIDE") || e.getValue().equals("not-for-connectors"),
                            path + " " + e.getKey() + " gave a value from outside what is allowed");
                    values++;
                }
            } catch (ConfigException e) {
                assertFalse(e.getMessage().contains(SECRET) || e.getMessage().contains("OUTSIDE"), e.getMessage());
            }
        }
        assertTrue(values > 50, "allowed references must resolve too (one bad key fails the whole request): " + values);
    }

    private static void assertRefused(Runnable call, String expected) {
        ConfigException e = assertThrows(ConfigException.class, call::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), "the message shows the secret: " + e.getMessage());
    }

    @Test
    void attachesATimeToLiveOnlyWhenAskedTo() {
        assertNull(provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets.toString())
                .get(secrets.toString(), Set.of("bare")).ttl());
        ConfigData data = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets.toString(),
                SecretsConfigProvider.TTL_MS_CONFIG, "60000").get(secrets.toString(), Set.of("bare"));
        assertEquals(60000L, data.ttl());
    }

    @Test
    void rejectsBadParametersNamingThem() throws IOException {
        assertConfigError(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, SecretsConfigProvider.ALLOWED_PATHS_CONFIG, "run/secrets");
        assertConfigError(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, SecretsConfigProvider.ALLOWED_PATHS_CONFIG, "/no/such/dir");
        assertConfigError(SecretsConfigProvider.ENV_ALLOWED_CONFIG, SecretsConfigProvider.ENV_ALLOWED_CONFIG, "DB_(");
        assertConfigError(SecretsConfigProvider.KEYS_FILE_CONFIG, SecretsConfigProvider.KEYS_FILE_CONFIG, "/no/keys");
        assertConfigError(SecretsConfigProvider.KEYS_ENV_CONFIG, SecretsConfigProvider.KEYS_ENV_CONFIG, "NO_SUCH_VAR");
        Path shortKey = Files.writeString(dir.resolve("short.properties"), "k=" + Base64.getEncoder().encodeToString(new byte[16]));
        assertConfigError(SecretsConfigProvider.KEYS_FILE_CONFIG, SecretsConfigProvider.KEYS_FILE_CONFIG, shortKey.toString());
        assertConfigError(SecretsConfigProvider.TTL_MS_CONFIG, SecretsConfigProvider.TTL_MS_CONFIG, "-1");
    }

    private void assertConfigError(String property, String... keyValues) {
        ConfigException e = assertThrows(ConfigException.class, () -> provider(keyValues));
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    /** The debezium/connect image turns CONNECT_CONFIG_PROVIDERS_X_PARAM_Y_Z into ...param.y.z: only [a-z.] survive. */
    @Test
    void parameterNamesCanBeSetThroughConnectEnvironmentVariables() {
        for (String name : SecretsConfigProvider.CONFIG_DEF.names()) {
            assertTrue(name.matches("[a-z.]+"), name);
        }
    }

    @Test
    void isFoundByServiceLoaderAndShowsNoSecretInToString() {
        boolean found = false;
        for (ConfigProvider p : ServiceLoader.load(ConfigProvider.class)) {
            found |= p instanceof SecretsConfigProvider;
        }
        assertTrue(found, "META-INF/services lists SecretsConfigProvider");
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, secrets.toString());
        ConfigData data = p.get(secrets.toString(), Set.of("bare"));
        assertFalse(p.toString().contains(SECRET));
        assertFalse(data.toString().contains(SECRET));
    }

    @Test
    void encryptCommandOutputDecryptsThroughTheProvider() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // --generate-key and bad arguments never read standard input (it would wait for a terminal's end of input).
        EncryptSecret.Input noInput = () -> {
            throw new AssertionError("standard input read");
        };
        assertEquals(0, EncryptSecret.run(new String[] {"--generate-key"}, noInput, new PrintStream(out), new PrintStream(err), Map.of()));
        assertEquals(32, Base64.getDecoder().decode(out.toString(StandardCharsets.UTF_8).trim()).length);

        out.reset();
        assertEquals(0, EncryptSecret.run(new String[] {"--keys-file", keysFile.toString(), "--key-id", "k2", "--name", "db.password"},
                () -> (SECRET + "\n").getBytes(StandardCharsets.UTF_8), new PrintStream(out), new PrintStream(err), Map.of()));
        String encrypted = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(encrypted.startsWith("cdc:v1:k2:"), encrypted);
        assertFalse(encrypted.contains(SECRET));
        Path file = Files.writeString(dir.resolve("cli.properties"), "db.password=" + encrypted + "\n");
        SecretsConfigProvider p = provider(SecretsConfigProvider.ALLOWED_PATHS_CONFIG, file.toString(),
                SecretsConfigProvider.KEYS_FILE_CONFIG, keysFile.toString());
        assertEquals(SECRET, value(p, file.toString(), "db.password"));

        assertEquals(2, EncryptSecret.run(new String[] {"--key-id", "k2"}, noInput, new PrintStream(out), new PrintStream(err), Map.of()));
        assertEquals(1, EncryptSecret.run(new String[] {"--keys-file", keysFile.toString(), "--key-id", "k9", "--name", "x"},
                () -> SECRET.getBytes(StandardCharsets.UTF_8), new PrintStream(out), new PrintStream(err), Map.of()));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains(SECRET));
    }
}
