package com.queast.gateway.api;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the raw request path before any route sees it. Vert.x normalises {@code .} and {@code ..}
 * segments away, so {@code PUT /v1/tenants/ta/companies/..} would reach {@code PUT /v1/tenants/ta}:
 * a dot segment (plain or percent-encoded) is a 400 instead. Every segment must be valid
 * percent-encoded UTF-8 (two malformed encodings must not decode to the same id), and the tenant id
 * of {@code /v1/tenants/{tenantId}/...} is validated here for every route, whichever package
 * contributes it.
 */
public final class PathGuard {

  /** Context key of the validated tenant id of a {@code /v1/tenants/{t}} path. */
  public static final String TENANT = "gateway.pathTenant";

  private PathGuard() {}

  /**
   * The tenant a path addresses, validated, or null when it is not a tenant path.
   *
   * @param rawPath the path as sent (not decoded)
   * @return the decoded tenant id, or null
   * @throws GatewayException 400 on dot segments, malformed encodings or an invalid tenant id
   */
  public static String check(String rawPath) {
    String[] segments = rawPath.split("/", -1);
    List<String> decoded = new ArrayList<>(segments.length);
    for (String s : segments) {
      String d = decode(s);
      if (d.equals(".") || d.equals("..")) {
        throw GatewayException.validation(
            "paths must not contain dot segments",
            List.of(new FieldError("path", "format", "'.' and '..' are not valid path segments")));
      }
      decoded.add(d);
    }
    if (decoded.size() > 3 && decoded.get(1).equals("v1") && decoded.get(2).equals("tenants")) {
      String tenant = decoded.get(3);
      List<FieldError> errs = new ArrayList<>();
      RecordValidator.id("tenantId", tenant, errs);
      if (!errs.isEmpty()) {
        throw GatewayException.validation("invalid tenantId", errs);
      }
      return tenant;
    }
    return null;
  }

  /**
   * Route handler: runs {@link #check} and remembers the tenant in the context.
   *
   * @param ctx the request
   */
  static void handle(RoutingContext ctx) {
    String tenant;
    try {
      tenant = check(ctx.request().path());
      checkQuery(ctx);
    } catch (GatewayException e) {
      Problems.write(ctx, e, null);
      return;
    }
    if (tenant != null) {
      ctx.put(TENANT, tenant);
    }
    ctx.next();
  }

  /**
   * Every query parameter value: no NUL or other control characters (PostgreSQL refuses a NUL with
   * a server error; found by {@code OpenApiFuzzIT}). Names the parameter in the 400.
   */
  private static void checkQuery(RoutingContext ctx) {
    if (ctx.request().query() == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, String> p : ctx.queryParams().entries()) {
      String v = p.getValue();
      if (v.chars().anyMatch(Character::isISOControl)) {
        errors.add(
            new FieldError(
                p.getKey(), "characters", p.getKey() + " must not contain control characters"));
      }
    }
    if (!errors.isEmpty()) {
      throw GatewayException.validation("invalid query parameter", errors);
    }
  }

  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()
            || Character.digit(segment.charAt(i + 1), 16) < 0
            || Character.digit(segment.charAt(i + 2), 16) < 0) {
          throw malformed();
        }
        out.write(
            Character.digit(segment.charAt(i + 1), 16) * 16
                + Character.digit(segment.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed();
    }
  }

  private static GatewayException malformed() {
    return GatewayException.validation(
        "the path is not valid percent-encoded UTF-8",
        List.of(new FieldError("path", "encoding", "path segments must be percent-encoded UTF-8")));
  }
}
