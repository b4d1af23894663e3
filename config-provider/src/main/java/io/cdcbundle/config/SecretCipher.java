package io.cdcbundle.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secret values at rest. A value reads {@code cdc:v1:<key id>:<iv>:<ciphertext>} (base64), so that
 * several keys can be in use while one is rotated out. The key id and the property name are authenticated with
 * the value: a ciphertext copied to another property, or relabelled with another key id, does not decrypt.
 * Depends on nothing but the JDK, so that {@link EncryptSecret} runs from our jar alone.
 */
final class SecretCipher {

    static final String PREFIX = "cdc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> keys;

    /** @param keys key id to 32-byte key */
    SecretCipher(Map<String, byte[]> keys) {
        for (Map.Entry<String, byte[]> e : keys.entrySet()) {
            if (e.getValue().length != 32) {
                throw new IllegalArgumentException("key '" + e.getKey() + "' has " + e.getValue().length
                        + " bytes; AES-256 needs 32 (generate one with EncryptSecret --generate-key)");
            }
            if (!e.getKey().matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("key id '" + e.getKey() + "' may use letters, digits, '_' and '-' only");
            }
        }
        this.keys = Map.copyOf(keys);
    }

    static boolean isEncrypted(String value) {
        return value.startsWith(PREFIX);
    }

    String encrypt(String keyId, String name, String plaintext) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no key with id '" + keyId + "'; known ids: " + keys.keySet());
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(keyId, name));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return PREFIX + keyId + ":" + b64.encodeToString(iv) + ":" + b64.encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The plaintext of {@code value}, stored under {@code name}. Messages name the key id and the property, never
     * any part of the value.
     */
    String decrypt(String name, String value) {
        String[] parts = value.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + name + "' is not of the form " + PREFIX + "<key id>:<iv>:<ciphertext>");
        }
        byte[] key = keys.get(parts[0]);
        if (key == null) {
            // The key id is named only for a value shaped as our ciphertexts are (a retired key during a rotation): a
            // plaintext that merely starts with the prefix would show a part of itself here.
            throw new IllegalArgumentException("'" + name + "' is encrypted with "
                    + (wellFormed(parts) ? "key id '" + parts[0] + "', which is" : "a key id that is")
                    + " not among the configured keys " + keys.keySet());
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, b64.decode(parts[1])));
            cipher.updateAAD(aad(parts[0], name));
            return new String(cipher.doFinal(b64.decode(parts[2])), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException | java.security.ProviderException e) {
            // ProviderException: the JDK's GCM refuses a ciphertext shorter than its tag with it
            throw new IllegalArgumentException("'" + name + "' does not decrypt with key id '" + parts[0]
                    + "' (wrong key, a value copied from another property, or a damaged value)");
        }
    }

    /**
     * An IV of {@value #IV_BYTES} bytes and a ciphertext at least as long as its tag, both Base64: what encrypt()
     * writes.
     */
    private static boolean wellFormed(String[] parts) {
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return b64.decode(parts[1]).length == IV_BYTES && b64.decode(parts[2]).length >= TAG_BITS / 8;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] aad(String keyId, String name) {
        return (keyId + "\u0000" + name).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
