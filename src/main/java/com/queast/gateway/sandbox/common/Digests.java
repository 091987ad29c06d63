package com.queast.gateway.sandbox.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digests the stand-ins need (vendor field keys, webhook signatures), kept here so the sandbox
 * shares no code with the product it tests: a signing bug on one side then shows up as a failed
 * verification on the other.
 */
public final class Digests {

  private Digests() {}

  /**
   * SHA-256 of the UTF-8 bytes of a string.
   *
   * @param text input
   * @return 64 lowercase hex characters
   */
  public static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * HMAC-SHA256 of the UTF-8 bytes of a message.
   *
   * @param key the key, UTF-8
   * @param message the message
   * @return standard Base64 of the MAC (44 characters)
   */
  public static String hmacSha256Base64(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
