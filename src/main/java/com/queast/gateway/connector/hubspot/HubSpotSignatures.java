package com.queast.gateway.connector.hubspot;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's webhook request signatures, as documented on "Validating requests" and implemented by
 * the official SDKs. Pure functions over strings: the sandbox signs with them and the gateway's
 * webhook receiver verifies with them. The key is always the app's client secret.
 *
 * <ul>
 *   <li>v1: {@code hex(SHA-256(secret + body))}, header {@code X-HubSpot-Signature} with {@code
 *       X-HubSpot-Signature-Version: v1}.
 *   <li>v2: {@code hex(SHA-256(secret + method + uri + body))}.
 *   <li>v3: {@code base64(HMAC-SHA256(secret, method + decodedUri + body + timestamp))}, headers
 *       {@code X-HubSpot-Signature-v3} and {@code X-HubSpot-Request-Timestamp} (epoch ms); requests
 *       older than five minutes are rejected.
 * </ul>
 */
public final class HubSpotSignatures {

  /** Header carrying the v1 or v2 signature. */
  public static final String HEADER_SIGNATURE = "X-HubSpot-Signature";

  /** Header naming the version of {@link #HEADER_SIGNATURE}. */
  public static final String HEADER_SIGNATURE_VERSION = "X-HubSpot-Signature-Version";

  /** Header carrying the v3 signature. */
  public static final String HEADER_SIGNATURE_V3 = "X-HubSpot-Signature-v3";

  /** Header carrying the v3 timestamp, epoch milliseconds. */
  public static final String HEADER_TIMESTAMP = "X-HubSpot-Request-Timestamp";

  /** Maximum age of a v3 request, per the docs ("older than 5 minutes"). */
  public static final long MAX_AGE_MILLIS = 300_000L;

  private static final String[][] V3_DECODED = {
    {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"},
    {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}
  };

  private HubSpotSignatures() {}

  /**
   * The v1 signature.
   *
   * @param clientSecret the app's client secret
   * @param body raw request body as received
   * @return lowercase hex SHA-256
   */
  public static String v1(String clientSecret, String body) {
    return sha256Hex(clientSecret + body);
  }

  /**
   * The v2 signature.
   *
   * @param clientSecret the app's client secret
   * @param method HTTP method, e.g. {@code POST}
   * @param uri full request URI exactly as sent (scheme, host, path, query)
   * @param body raw body, empty for GET
   * @return lowercase hex SHA-256
   */
  public static String v2(String clientSecret, String method, String uri, String body) {
    return sha256Hex(clientSecret + method + uri + body);
  }

  /**
   * The v3 signature. The URI is first passed through {@link #decodeV3Uri(String)}.
   *
   * @param clientSecret the app's client secret
   * @param method HTTP method
   * @param uri full request URI (scheme, host, path, query) as sent
   * @param body raw body
   * @param timestamp the {@code X-HubSpot-Request-Timestamp} header value, verbatim
   * @return standard Base64 of the HMAC-SHA256
   */
  public static String v3(
      String clientSecret, String method, String uri, String body, String timestamp) {
    String source = method + decodeV3Uri(uri) + body + timestamp;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Decodes exactly the characters the v3 algorithm lists ({@code %3A %2F %3F %40 %21 %24 %27 %28
   * %29 %2A %2C %3B}); every other escape stays as it is. Lowercase hex is decoded too (the docs do
   * not say; lenient on purpose).
   *
   * @param uri the URI as sent
   * @return the URI to sign
   */
  public static String decodeV3Uri(String uri) {
    String out = uri;
    for (String[] pair : V3_DECODED) {
      out = out.replace(pair[0], pair[1]).replace(pair[0].toLowerCase(), pair[1]);
    }
    return out;
  }

  /**
   * Verifies a v3 request: the timestamp must be a number no older than five minutes (and not more
   * than five minutes in the future), and the signature must match in constant time.
   *
   * @param clientSecret the app's client secret
   * @param method HTTP method
   * @param uri full URI as the sender addressed it
   * @param body raw body
   * @param timestamp header value
   * @param signature the {@code X-HubSpot-Signature-v3} header value
   * @param nowMillis current time, epoch ms
   * @return true when authentic and fresh
   */
  public static boolean verifyV3(
      String clientSecret,
      String method,
      String uri,
      String body,
      String timestamp,
      String signature,
      long nowMillis) {
    if (timestamp == null || signature == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(nowMillis - ts) > MAX_AGE_MILLIS) {
      return false;
    }
    return constantTimeEquals(v3(clientSecret, method, uri, body, timestamp), signature);
  }

  /**
   * Verifies a v1 signature in constant time.
   *
   * @param clientSecret the app's client secret
   * @param body raw body
   * @param signature the {@code X-HubSpot-Signature} header value
   * @return true when it matches
   */
  public static boolean verifyV1(String clientSecret, String body, String signature) {
    return signature != null && constantTimeEquals(v1(clientSecret, body), signature);
  }

  /**
   * Compares two strings in time independent of where they differ.
   *
   * @param a one
   * @param b other
   * @return equality
   */
  public static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256Hex(String source) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
