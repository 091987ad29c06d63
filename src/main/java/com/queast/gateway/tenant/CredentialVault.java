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
 * Encrypts connection credentials at rest with AES-256-GCM. Each blob is {@code version(1) | iv(12)
 * | ciphertext+tag}; the connection id is bound as associated data, so a blob copied onto another
 * connection does not decrypt.
 */
public final class CredentialVault {

  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /**
   * A vault with a raw key.
   *
   * @param key32 32-byte AES key
   */
  public CredentialVault(byte[] key32) {
    if (key32.length != 32) {
      throw new IllegalArgumentException("vault key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key32.clone(), "AES");
  }

  /**
   * Builds the vault from configuration: a base64 key, or (development only) one derived from the
   * admin token.
   *
   * @param base64Key {@code vault.key}, may be empty
   * @param fallbackSecret used to derive a key when no key is configured
   * @return the vault
   * @throws IllegalArgumentException when the key is not base64 of 32 bytes
   */
  public static CredentialVault fromConfig(String base64Key, String fallbackSecret) {
    if (base64Key != null && !base64Key.isBlank()) {
      byte[] k;
      try {
        k = Base64.getDecoder().decode(base64Key.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("vault.key (GATEWAY_VAULT_KEY) is not base64", e);
      }
      if (k.length != 32) {
        throw new IllegalArgumentException("vault.key (GATEWAY_VAULT_KEY) must decode to 32 bytes");
      }
      return new CredentialVault(k);
    }
    try {
      byte[] k =
          MessageDigest.getInstance("SHA-256")
              .digest(("queast-gateway-vault:" + fallbackSecret).getBytes(StandardCharsets.UTF_8));
      return new CredentialVault(k);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
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
      return ByteBuffer.allocate(1 + IV_BYTES + ct.length).put(VERSION).put(iv).put(ct).array();
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
    if (blob == null || blob.length < 1 + IV_BYTES + 16 || blob[0] != VERSION) {
      throw new IllegalStateException(
          "credential blob of connection " + connectionId + " is unreadable");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, IV_BYTES));
      c.updateAAD(connectionId.getBytes(StandardCharsets.UTF_8));
      byte[] pt = c.doFinal(blob, 1 + IV_BYTES, blob.length - 1 - IV_BYTES);
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
