package com.queast.gateway.tenant;

import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts connection credentials at rest with AES-256-GCM. Each blob is {@code version(2) |
 * idLength(1) | keyId | iv(12) | ciphertext+tag}; the connection id is bound as associated data, so
 * a blob copied onto another connection does not decrypt. The key id names the key that sealed it,
 * so keys can be rotated: the current key seals, previous keys only open (version-1 blobs, written
 * before key ids, are tried with every key). {@link #sealedWithCurrent} tells the re-encryption
 * which blobs are still under an old key.
 */
public final class CredentialVault {

  private static final byte V1 = 1;
  private static final byte V2 = 2;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final java.util.regex.Pattern KEY_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,32}");

  private final String currentId;
  private final SecretKeySpec key;
  private final java.util.Map<String, SecretKeySpec> keys = new java.util.LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * A vault with one raw key, id {@code k1}.
   *
   * @param key32 32-byte AES key
   */
  public CredentialVault(byte[] key32) {
    this("k1", key32, java.util.Map.of());
  }

  /**
   * A vault with a current key and keys kept for decryption only.
   *
   * @param currentId id of the current key
   * @param key32 current 32-byte AES key
   * @param previous older keys by id (open only)
   */
  public CredentialVault(String currentId, byte[] key32, java.util.Map<String, byte[]> previous) {
    if (key32.length != 32) {
      throw new IllegalArgumentException("vault key must be 32 bytes");
    }
    if (!KEY_ID.matcher(currentId).matches()) {
      throw new IllegalArgumentException("vault key id must match " + KEY_ID.pattern());
    }
    this.currentId = currentId;
    this.key = new SecretKeySpec(key32.clone(), "AES");
    keys.put(currentId, key);
    previous.forEach(
        (id, k) -> {
          if (k.length != 32 || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("previous vault key " + id + " is invalid");
          }
          keys.putIfAbsent(id, new SecretKeySpec(k.clone(), "AES"));
        });
  }

  /**
   * Builds the vault from configuration. Without a key it refuses, unless development mode is on:
   * then a key is derived from the admin token (a database dump plus that token would open every
   * credential, so never in production).
   *
   * @param cfg key, key id, previous keys ({@code id:base64,...}) and development mode
   * @param adminToken used to derive a key in development mode only
   * @return the vault
   * @throws IllegalArgumentException when a key is not base64 of 32 bytes, or no key is set outside
   *     development mode
   */
  public static CredentialVault fromConfig(Settings cfg, String adminToken) {
    java.util.Map<String, byte[]> previous = new java.util.LinkedHashMap<>();
    if (cfg.previousKeys() != null && !cfg.previousKeys().isBlank()) {
      for (String entry : cfg.previousKeys().split(",")) {
        String[] parts = entry.trim().split(":", 2);
        if (parts.length != 2) {
          throw new IllegalArgumentException(
              "vault.previousKeys (GATEWAY_VAULT_PREVIOUS_KEYS) must be id:base64[,id:base64...]");
        }
        previous.put(parts[0].trim(), decode(parts[1], "vault.previousKeys " + parts[0].trim()));
      }
    }
    if (cfg.key() != null && !cfg.key().isBlank()) {
      return new CredentialVault(
          cfg.keyId(), decode(cfg.key(), "vault.key (GATEWAY_VAULT_KEY)"), previous);
    }
    if (!cfg.dev()) {
      throw new IllegalArgumentException(
          "GATEWAY_VAULT_KEY is required: base64 of 32 random bytes (openssl rand -base64 32)."
              + " For local development only, GATEWAY_VAULT_DEV=true derives one from the admin"
              + " token");
    }
    try {
      byte[] k =
          MessageDigest.getInstance("SHA-256")
              .digest(("queast-gateway-vault:" + adminToken).getBytes(StandardCharsets.UTF_8));
      return new CredentialVault("dev", k, previous);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Vault configuration.
   *
   * @param key base64 of the current 32-byte key, may be empty
   * @param keyId id written into every new blob
   * @param previousKeys {@code id:base64} pairs, comma-separated, for decryption only
   * @param dev development mode: derive a key from the admin token when none is set
   */
  public record Settings(String key, String keyId, String previousKeys, boolean dev) {}

  private static byte[] decode(String base64, String what) {
    byte[] k;
    try {
      k = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64", e);
    }
    if (k.length != 32) {
      throw new IllegalArgumentException(what + " must decode to 32 bytes");
    }
    return k;
  }

  /**
   * The id of the key that seals new blobs.
   *
   * @return key id
   */
  public String currentKeyId() {
    return currentId;
  }

  /**
   * Whether a blob is sealed with the current key (else re-encryption should rewrite it).
   *
   * @param blob stored bytes
   * @return true for a version-2 blob naming the current key id
   */
  public boolean sealedWithCurrent(byte[] blob) {
    return blob != null && blob.length > 2 && blob[0] == V2 && currentId.equals(keyId(blob));
  }

  private static String keyId(byte[] blob) {
    int n = blob[1] & 0xff;
    if (blob.length < 2 + n) {
      return null;
    }
    return new String(blob, 2, n, StandardCharsets.UTF_8);
  }

  /**
   * Encrypts credentials for one connection.
   *
   * @param connectionId bound as associated data
   * @param credentials secret fields
   * @return the blob to store
   */
  public byte[] seal(String connectionId, JsonObject credentials) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(connectionId.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(credentials.encode().getBytes(StandardCharsets.UTF_8));
      byte[] id = currentId.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(2 + id.length + IV_BYTES + ct.length)
          .put(V2)
          .put((byte) id.length)
          .put(id)
          .put(iv)
          .put(ct)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt credentials", e);
    }
  }

  /**
   * Decrypts a blob of a connection.
   *
   * @param connectionId the connection the blob belongs to
   * @param blob stored bytes
   * @return the credentials
   * @throws IllegalStateException when the blob was tampered with, belongs to another connection or
   *     another key
   */
  public JsonObject open(String connectionId, byte[] blob) {
    if (blob != null && blob.length > 2 && blob[0] == V2) {
      String id = keyId(blob);
      SecretKeySpec k = id == null ? null : keys.get(id);
      if (k == null) {
        throw new IllegalStateException(
            "credentials of connection "
                + connectionId
                + " are sealed with vault key "
                + (id == null ? "?" : id)
                + ", which is not configured (GATEWAY_VAULT_PREVIOUS_KEYS)");
      }
      int offset = 2 + (blob[1] & 0xff);
      return decrypt(connectionId, k, blob, offset);
    }
    if (blob == null || blob.length < 1 + IV_BYTES + 16 || blob[0] != V1) {
      throw new IllegalStateException(
          "credential blob of connection " + connectionId + " is unreadable");
    }
    IllegalStateException last = null;
    for (SecretKeySpec k : keys.values()) {
      try {
        return decrypt(connectionId, k, blob, 1);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  private static JsonObject decrypt(String connectionId, SecretKeySpec k, byte[] blob, int offset) {
    if (blob.length < offset + IV_BYTES + 16) {
      throw new IllegalStateException(
          "credential blob of connection " + connectionId + " is unreadable");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, blob, offset, IV_BYTES));
      c.updateAAD(connectionId.getBytes(StandardCharsets.UTF_8));
      byte[] pt = c.doFinal(blob, offset + IV_BYTES, blob.length - offset - IV_BYTES);
      return new JsonObject(new String(pt, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "credentials of connection "
              + connectionId
              + " cannot be decrypted (wrong key or tampered)",
          e);
    }
  }
}
