package com.queast.gateway.connector;

import java.util.function.UnaryOperator;

/**
 * A webhook request as the receiver got it, without the HTTP framework: what a {@link
 * WebhookSource} needs to verify and parse it.
 *
 * @param method HTTP method, e.g. {@code POST}
 * @param absoluteUri the URI as the server saw it (scheme, host, path, query)
 * @param query the raw query string, or null
 * @param headers header lookup by (case-insensitive) name; emits null when absent
 * @param body the raw body as received, empty when none
 */
public record WebhookRequest(
    String method, String absoluteUri, String query, UnaryOperator<String> headers, String body) {

  /**
   * One header.
   *
   * @param name header name
   * @return its value, or null
   */
  public String header(String name) {
    return headers.apply(name);
  }
}
