package com.queast.gateway.sandbox.pipedrive;

import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** Strictly typed query parameters, failing with the vendor's validation 400. */
final class Query {

  private Query() {}

  static String first(RoutingContext ctx, String name) {
    List<String> v = ctx.queryParam(name);
    return v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
  }

  static long integer(String name, String raw) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw PdError.validation(name, "Parameter '" + name + "' must be an integer");
    }
  }

  static Long optInteger(RoutingContext ctx, String name) {
    String raw = first(ctx, name);
    return raw == null ? null : integer(name, raw);
  }

  static Boolean optBoolean(RoutingContext ctx, String name) {
    String raw = first(ctx, name);
    if (raw == null) {
      return null;
    }
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    throw PdError.validation(name, "Parameter '" + name + "' must be a boolean");
  }

  static List<String> list(RoutingContext ctx, String name) {
    String raw = first(ctx, name);
    List<String> out = new ArrayList<>();
    if (raw != null) {
      for (String s : raw.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  static String oneOf(RoutingContext ctx, String name, String dflt, List<String> allowed) {
    String raw = first(ctx, name);
    if (raw == null) {
      return dflt;
    }
    if (!allowed.contains(raw)) {
      throw PdError.validation(name, "Parameter '" + name + "' must be one of " + allowed);
    }
    return raw;
  }

  static long pathId(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    long id = integer("id", raw);
    if (id < 1) {
      throw PdError.validation("id", "Parameter 'id' must be a positive integer");
    }
    return id;
  }
}
