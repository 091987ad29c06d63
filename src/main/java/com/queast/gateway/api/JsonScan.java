package com.queast.gateway.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming pass over a request body before it is decoded: refuses what cannot be stored
 * faithfully, naming the field. A duplicate key (the decoder would keep the last one silently), a
 * NUL character (PostgreSQL text and jsonb cannot hold it: it used to be a 500) and a lone UTF-16
 * surrogate (stored as {@code ?}) are 400s.
 */
final class JsonScan {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JsonScan() {}

  /**
   * Scans a body.
   *
   * @param body the raw bytes
   * @throws GatewayException 400 naming the first offending fields, or {@code malformed_json}
   */
  static void check(byte[] body) {
    List<FieldError> errors = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null && errors.size() < 20) {
        if (t == JsonToken.FIELD_NAME) {
          String rule = badText(p.currentName());
          if (rule != null) {
            errors.add(new FieldError(path(p.getParsingContext()), rule, message(rule)));
          }
        } else if (t == JsonToken.VALUE_STRING) {
          String rule = badText(p.getText());
          if (rule != null) {
            errors.add(new FieldError(path(p.getParsingContext()), rule, message(rule)));
          }
        }
      }
    } catch (JsonParseException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
        String field = path(e.getProcessor().getParsingContext());
        throw GatewayException.validation(
            "duplicate key in the request body",
            List.of(new FieldError(field, "duplicate", field + " appears more than once")));
      }
      throw new GatewayException("malformed_json", 400, "request body is not valid JSON");
    } catch (IOException e) {
      throw new GatewayException("malformed_json", 400, "request body is not valid JSON");
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation(
          "the request body holds text that cannot be stored", errors);
    }
  }

  private static String badText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "nul";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "surrogate";
      }
      if (Character.isLowSurrogate(c)) {
        return "surrogate";
      }
    }
    return null;
  }

  private static String message(String rule) {
    return rule.equals("nul")
        ? "must not contain the NUL character (U+0000)"
        : "must not contain a lone UTF-16 surrogate";
  }

  /** {@code items[3].name} style path of the current token (the API's field naming). */
  private static String path(JsonStreamContext ctx) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        parts.add(0, c.getCurrentName() == null ? "" : c.getCurrentName());
      } else if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (b.length() > 0 && !p.startsWith("[")) {
        b.append('.');
      }
      b.append(p);
    }
    return b.length() == 0 ? "body" : b.toString();
  }
}
