package com.queast.gateway.sandbox.hubspot;

import com.queast.gateway.sandbox.common.Digests;
import java.util.Map;

/**
 * Signs the stand-in's webhook requests the way HubSpot does (developers.hubspot.com, "Webhooks |
 * Validating requests"). Written for the sandbox alone, from the vendor's documentation, so that
 * the gateway's verifier is tested against an independent signer. The key is the app's client
 * secret.
 *
 * <ul>
 *   <li>v1: {@code hex(SHA-256(secret + body))} in {@code X-HubSpot-Signature}, version header v1.
 *   <li>v2: {@code hex(SHA-256(secret + method + uri + body))}, version header v2.
 *   <li>v3: {@code base64(HMAC-SHA256(secret, method + uri' + body + timestamp))} in {@code
 *       X-HubSpot-Signature-v3}, where {@code uri'} has the listed escapes decoded.
 * </ul>
 */
final class WebhookSigner {

  /** Header carrying the v1 or v2 signature. */
  static final String SIGNATURE = "X-HubSpot-Signature";

  /** Header naming the version of {@link #SIGNATURE}. */
  static final String SIGNATURE_VERSION = "X-HubSpot-Signature-Version";

  /** Header carrying the v3 signature. */
  static final String SIGNATURE_V3 = "X-HubSpot-Signature-v3";

  /** Header carrying the v3 timestamp (epoch milliseconds). */
  static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";

  /** The escapes the v3 algorithm decodes before signing; every other escape stays. */
  private static final Map<String, String> V3_ESCAPES =
      Map.ofEntries(
          Map.entry("3A", ":"),
          Map.entry("2F", "/"),
          Map.entry("3F", "?"),
          Map.entry("40", "@"),
          Map.entry("21", "!"),
          Map.entry("24", "$"),
          Map.entry("27", "'"),
          Map.entry("28", "("),
          Map.entry("29", ")"),
          Map.entry("2A", "*"),
          Map.entry("2C", ","),
          Map.entry("3B", ";"));

  private final String clientSecret;

  /**
   * A signer for one app.
   *
   * @param clientSecret the app's client secret
   */
  WebhookSigner(String clientSecret) {
    this.clientSecret = clientSecret;
  }

  /**
   * The v1 signature.
   *
   * @param body raw body as sent
   * @return lowercase hex
   */
  String v1(String body) {
    return Digests.sha256Hex(clientSecret + body);
  }

  /**
   * The v2 signature.
   *
   * @param method HTTP method
   * @param uri full URI as sent (scheme, host, path, query)
   * @param body raw body, empty for GET
   * @return lowercase hex
   */
  String v2(String method, String uri, String body) {
    return Digests.sha256Hex(clientSecret + method + uri + body);
  }

  /**
   * The v3 signature.
   *
   * @param method HTTP method
   * @param uri full URI as sent
   * @param body raw body
   * @param timestamp the timestamp header value, verbatim
   * @return standard Base64 of the HMAC
   */
  String v3(String method, String uri, String body, String timestamp) {
    return Digests.hmacSha256Base64(clientSecret, method + decodeForV3(uri) + body + timestamp);
  }

  /**
   * Decodes the escapes v3 lists (either hex case), leaving every other {@code %XX} alone.
   *
   * @param uri the URI as sent
   * @return the URI that is signed
   */
  static String decodeForV3(String uri) {
    StringBuilder out = new StringBuilder(uri.length());
    int i = 0;
    while (i < uri.length()) {
      char c = uri.charAt(i);
      if (c == '%' && i + 2 < uri.length()) {
        String decoded = V3_ESCAPES.get(uri.substring(i + 1, i + 3).toUpperCase());
        if (decoded != null) {
          out.append(decoded);
          i += 3;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
