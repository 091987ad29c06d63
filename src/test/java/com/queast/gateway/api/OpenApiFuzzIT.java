package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.hubspot.HubSpotProvider;
import com.queast.gateway.connector.pipedrive.PipedriveProvider;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generated fuzz of every operation in {@code openapi.yaml}: for each one, requests whose path
 * parameters, query parameters and body fields take random and boundary values (existing ids,
 * empty, huge, NUL, dot segments, other scripts and separators, wrong JSON types, out-of-range
 * numbers, malformed JSON), sent to a running gateway. The properties: no answer is a 5xx, and
 * every status is one the document lists for that operation. The seed is printed and can be fixed
 * with {@code -Dfuzz.seed=N} to replay a failure; {@code -Dfuzz.perOperation=N} sets the volume.
 */
@ExtendWith(PostgresExtension.class)
class OpenApiFuzzIT {

  private static final String[] NASTY = {
    "",
    "a",
    ".",
    "..",
    "%2e%2e",
    "%2E",
    "a%00b",
    "%00",
    "x".repeat(300),
    "%E2%80%A8",
    "%C2%85",
    "%E2%80%8B",
    "%FF",
    "%",
    "a%2Fb",
    "ünï",
    "%E8%85%BE%E8%AE%AF",
    "-1",
    "0",
    "9223372036854775808",
    "00000000-0000-0000-0000-000000000000",
    "null",
    "%20",
    "a b"
  };

  private static TestGateway gw;
  private static Http http;
  private static String connectionId;
  private static OpenAPI api;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start(TestDatabase db) {
    // The real connectors too: their webhook routes exist only for registered connectors, and the
    // fuzz must reach their verification and parsing (no secret configured here: every request is
    // refused as unsigned, which the document lists).
    gw =
        TestGateway.startWithAll(
            db,
            Map.of(),
            List.of(new HubSpotProvider(), new PipedriveProvider()),
            new ScriptedConnector(100));
    http = gw.http();
    http.put("/v1/tenants/ta", new JsonObject().put("name", "Tenant A"));
    connectionId =
        http.post(
                "/v1/tenants/ta/connections",
                new JsonObject()
                    .put("crm", "test")
                    .put("auth", "token")
                    .put("apiToken", "good-token"))
            .json()
            .getString("connectionId");
    http.put("/v1/tenants/ta/companies/c1", new JsonObject().put("name", "Globex"));
    ParseOptions o = new ParseOptions();
    o.setResolve(true);
    o.setResolveFully(true);
    try {
      api =
          new OpenAPIV3Parser()
              .readContents(
                  new String(
                      OpenApiFuzzIT.class.getResourceAsStream("/openapi.yaml").readAllBytes(),
                      StandardCharsets.UTF_8),
                  null,
                  o)
              .getOpenAPI();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void noOperationAnswers5xxOrAStatusItsDocumentDoesNotList() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    int perOperation = Integer.getInteger("fuzz.perOperation", 12);
    System.out.println("OpenApiFuzzIT seed " + seed);
    Random rnd = new Random(seed);
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> e :
          p.getValue().readOperationsMap().entrySet()) {
        List<Parameter> params = new ArrayList<>();
        if (p.getValue().getParameters() != null) {
          params.addAll(p.getValue().getParameters());
        }
        if (e.getValue().getParameters() != null) {
          params.addAll(e.getValue().getParameters());
        }
        for (int i = 0; i < perOperation; i++) {
          // The first case of each operation is a plausible one, so deeper code runs too.
          boolean plausible = i == 0;
          String path = p.getKey();
          StringBuilder query = new StringBuilder();
          for (Parameter param : params) {
            String v = value(rnd, param.getName(), plausible);
            if ("path".equals(param.getIn())) {
              path = path.replace("{" + param.getName() + "}", v);
            } else if ("query".equals(param.getIn()) && rnd.nextBoolean()) {
              query
                  .append(query.length() == 0 ? "?" : "&")
                  .append(param.getName())
                  .append('=')
                  .append(v);
            }
          }
          String body = body(rnd, e.getValue(), plausible);
          String contentType = rnd.nextInt(10) == 0 ? "text/plain" : "application/json";
          URI uri;
          try {
            uri = URI.create(gwBase() + path + query);
          } catch (IllegalArgumentException notAUri) {
            continue; // no client could send this
          }
          HttpRequest.Builder b =
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + TestDatabase.TOKEN);
          String method = e.getKey().name();
          if (body != null) {
            b.header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
          } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
          }
          HttpResponse<String> r;
          try {
            r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
          } catch (IllegalArgumentException badUri) {
            continue; // the client itself refuses to send this URI
          }
          sent++;
          String status = Integer.toString(r.statusCode());
          var documented = e.getValue().getResponses();
          if (r.statusCode() >= 500
              || !(documented.containsKey(status) || documented.containsKey("default"))) {
            wrong.add(
                method
                    + " "
                    + path
                    + query
                    + " "
                    + abbreviate(body)
                    + " -> "
                    + status
                    + " "
                    + abbreviate(r.body()));
          }
        }
      }
    }
    System.out.println("OpenApiFuzzIT sent " + sent + " requests");
    assertThat(sent).isGreaterThan(api.getPaths().size() * perOperation / 2);
    assertThat(wrong).as("seed " + seed).isEmpty();
  }

  @Test
  void aTenantKeyReachesNoOtherTenantThroughAnyOperation() throws Exception {
    http.put("/v1/tenants/tk", new JsonObject().put("name", "Key holder"));
    String key =
        http.post("/v1/tenants/tk/api-keys", new JsonObject().put("name", "walls"))
            .json()
            .getString("key");
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
      if (!p.getKey().startsWith("/v1/")) {
        continue;
      }
      for (Map.Entry<PathItem.HttpMethod, Operation> e :
          p.getValue().readOperationsMap().entrySet()) {
        // Every parameter names tenant ta's things; the key is tenant tk's.
        String path =
            p.getKey()
                .replace("{tenantId}", "ta")
                .replace("{connectionId}", connectionId)
                .replaceAll("\\{[A-Za-z]*[Ii]d\\}", "c1")
                .replaceAll("\\{[^}]+\\}", "1");
        String body = body(new Random(sent), e.getValue(), true);
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create(gwBase() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
        if (body != null) {
          b.header("Content-Type", "application/json")
              .method(e.getKey().name(), HttpRequest.BodyPublishers.ofString(body));
        } else {
          b.method(e.getKey().name(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        sent++;
        boolean tenantPath = p.getKey().startsWith("/v1/tenants/{tenantId}");
        // Tenant paths: 404 (the other tenant does not exist for this key) or 403 (admin-only).
        boolean ok =
            tenantPath
                ? r.statusCode() == 404 || r.statusCode() == 403
                : r.statusCode() >= 400 && r.statusCode() < 500;
        if (!ok || r.body().contains("Globex")) {
          wrong.add(e.getKey() + " " + path + " -> " + r.statusCode() + " " + abbreviate(r.body()));
        }
      }
    }
    assertThat(sent).isGreaterThan(30);
    assertThat(wrong).as("operations that let tenant tk's key near tenant ta").isEmpty();
  }

  private static String gwBase() {
    return "http://127.0.0.1:" + gw.gateway().httpPort();
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** A path or query value: an existing id when plausible, else a random nasty one. */
  private static String value(Random rnd, String name, boolean plausible) {
    if (plausible || rnd.nextInt(3) == 0) {
      return switch (name) {
        case "tenantId" -> "ta";
        case "connectionId" -> connectionId;
        case "id", "recordId" -> "c1";
        case "limit" -> "10";
        case "state" -> "needs_review";
        default -> Integer.toString(rnd.nextInt(5));
      };
    }
    return NASTY[rnd.nextInt(NASTY.length)];
  }

  /** A request body for the operation, generated from its schema, or null when it has none. */
  private static String body(Random rnd, Operation op, boolean plausible) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
      return rnd.nextInt(8) == 0 ? "{}" : null;
    }
    MediaType mt = op.getRequestBody().getContent().get("application/json");
    Schema<?> schema = mt == null ? null : mt.getSchema();
    switch (plausible ? 99 : rnd.nextInt(12)) {
      case 0:
        return "";
      case 1:
        return "{\"a\":1,\"a\":2}";
      case 2:
        return "{\"name\": \"x\" ";
      case 3:
        return "[]";
      case 4:
        return "\"\\u0000\"";
      default:
        Object v = generate(rnd, schema, 0, plausible);
        return v instanceof JsonObject j
            ? j.encode()
            : v instanceof JsonArray a ? a.encode() : String.valueOf(v);
    }
  }

  private static Object generate(Random rnd, Schema<?> s, int depth, boolean plausible) {
    if (s == null || depth > 4) {
      return anyValue(rnd);
    }
    if (!plausible && rnd.nextInt(6) == 0) {
      return anyValue(rnd); // the wrong type
    }
    String type =
        s.getType() != null
            ? s.getType()
            : s.getTypes() != null && !s.getTypes().isEmpty()
                ? s.getTypes().iterator().next()
                : null;
    if (s.getEnum() != null && !s.getEnum().isEmpty() && (plausible || rnd.nextBoolean())) {
      return s.getEnum().get(rnd.nextInt(s.getEnum().size()));
    }
    if ("object".equals(type) || s.getProperties() != null) {
      JsonObject o = new JsonObject();
      if (s.getProperties() != null) {
        for (Map.Entry<String, Schema> prop : s.getProperties().entrySet()) {
          if (plausible || rnd.nextInt(4) != 0) {
            o.put(prop.getKey(), generate(rnd, prop.getValue(), depth + 1, plausible));
          }
        }
      }
      if (!plausible && rnd.nextInt(5) == 0) {
        o.put("unexpected\u0000field", anyValue(rnd));
      }
      return o;
    }
    if ("array".equals(type)) {
      JsonArray a = new JsonArray();
      int n = plausible ? 1 : rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        a.add(generate(rnd, s.getItems(), depth + 1, plausible));
      }
      return a;
    }
    if ("integer".equals(type) || "number".equals(type)) {
      if (plausible) {
        return 1;
      }
      Object[] numbers = {
        0,
        -1,
        1,
        Integer.MAX_VALUE,
        Long.MIN_VALUE,
        new BigInteger("1180591620717411303424"),
        1.5,
        -0.0,
        1e300
      };
      return numbers[rnd.nextInt(numbers.length)];
    }
    if ("boolean".equals(type)) {
      return rnd.nextBoolean();
    }
    if (plausible) {
      return "v" + rnd.nextInt(1000);
    }
    String[] strings = {
      "",
      "x".repeat(5000),
      "a\u0000b",
      "javascript:alert(1)",
      "..",
      "\uD800",
      "https://example.com/x",
      "2026-01-01T00:00:00Z",
      "99999-01-01T00:00:00Z",
      "user@example.com",
      "\u2028",
      "ünïcødé 腾讯",
      " ",
      "null"
    };
    return strings[rnd.nextInt(strings.length)];
  }

  private static Object anyValue(Random rnd) {
    Object[] any = {
      null,
      0,
      "s",
      true,
      new JsonArray().add(1),
      new JsonObject().put("k", "v"),
      -7.25,
      "x".repeat(70_000)
    };
    return any[rnd.nextInt(any.length)];
  }
}
