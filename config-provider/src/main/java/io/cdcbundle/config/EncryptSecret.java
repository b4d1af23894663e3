package io.cdcbundle.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Encrypts one secret for a properties file read by {@link SecretsConfigProvider}. The value is read from standard
 * input (never from the command line, where other users of the machine could see it):
 * <pre>
 *   java -cp cdc-bundle-config-provider.jar io.cdcbundle.config.EncryptSecret --generate-key
 *   printf %s "$DB_PASSWORD" | java -cp cdc-bundle-config-provider.jar io.cdcbundle.config.EncryptSecret \
 *       --keys-file /etc/kafka/secret-keys.properties --key-id k2 --name db.password
 * </pre>
 * prints {@code cdc:v1:k2:...}, to be stored as {@code db.password=cdc:v1:k2:...}. The name is bound into the
 * ciphertext: the value only decrypts under that property name.
 */
public final class EncryptSecret {

    private static final String USAGE = """
            Usage: EncryptSecret --generate-key
                   EncryptSecret (--keys-file FILE | --keys-env VARIABLE) --key-id ID --name PROPERTY < value
            """;

    private EncryptSecret() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in::readAllBytes, System.out, System.err, System.getenv()));
    }

    /** Standard input, read only once the arguments say a value is to be encrypted. */
    @FunctionalInterface
    interface Input {
        byte[] read() throws IOException;
    }

    static int run(String[] args, Input stdin, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--generate-key")) {
                out.println(Base64.getEncoder().encodeToString(SecretCipher.newKey()));
                return 0;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.print(USAGE);
                return 2;
            }
            options.put(args[i], args[++i]);
        }
        String keyId = options.get("--key-id");
        String name = options.get("--name");
        if (keyId == null || name == null || (options.get("--keys-file") == null) == (options.get("--keys-env") == null)) {
            err.print(USAGE);
            return 2;
        }
        try {
            Map<String, byte[]> keys;
            if (options.get("--keys-file") != null) {
                keys = SecretKeys.fromFile(Path.of(options.get("--keys-file")));
            } else {
                String variable = options.get("--keys-env");
                String value = env.get(variable);
                if (value == null) {
                    err.println("EncryptSecret: no environment variable " + variable);
                    return 2;
                }
                keys = SecretKeys.fromVariable(variable, value);
            }
            String value = new String(stdin.read(), StandardCharsets.UTF_8);
            if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
            }
            out.println(new SecretCipher(keys).encrypt(keyId, name, value));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("EncryptSecret: " + e.getMessage());
            return 1;
        }
    }
}
