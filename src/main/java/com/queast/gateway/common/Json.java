package com.queast.gateway.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Canonical JSON and content hashing. */
public final class Json {

  /** Sorted keys, so equal content always hashes equally whatever order the client sent. */
  public static final ObjectMapper CANONICAL =
      JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

  private Json() {}

  /**
   * SHA-256 (hex) of the canonical form of a JSON object: keys sorted at every level, nulls
   * dropped.
   *
   * @param obj the object
   * @return 64 hex characters
   */
  public static String contentHash(JsonObject obj) {
    try {
      JsonNode node = CANONICAL.valueToTree(sorted(obj.getMap()));
      byte[] bytes = CANONICAL.writeValueAsBytes(node);
      return sha256Hex(bytes);
    } catch (Exception e) {
      throw new IllegalStateException("cannot hash record", e);
    }
  }

  /**
   * SHA-256 (hex) of bytes.
   *
   * @param bytes input
   * @return 64 hex characters
   */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * SHA-256 (hex) of a UTF-8 string.
   *
   * @param s input
   * @return 64 hex characters
   */
  public static String sha256Hex(String s) {
    return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Object sorted(Object v) {
    if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      m.forEach(
          (k, val) -> {
            if (val != null) {
              out.put(String.valueOf(k), sorted(val));
            }
          });
      return out;
    }
    if (v instanceof JsonObject jo) {
      return sorted(jo.getMap());
    }
    if (v instanceof io.vertx.core.json.JsonArray ja) {
      return ja.getList().stream().map(Json::sorted).toList();
    }
    if (v instanceof java.util.List<?> l) {
      return l.stream().map(Json::sorted).toList();
    }
    return v;
  }

  /**
   * Empty Jackson object node, for building responses.
   *
   * @return a new node
   */
  public static ObjectNode object() {
    return CANONICAL.createObjectNode();
  }
}
