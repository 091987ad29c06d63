package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Audit finding 8 (issue 12): openapi.yaml passes a standard validator (swagger-parser) and tells
 * the truth about authentication and errors.
 */
class OpenApiValidatorTest {

  private static SwaggerParseResult parse() throws Exception {
    String yaml =
        new String(
            OpenApiValidatorTest.class.getResourceAsStream("/openapi.yaml").readAllBytes(),
            StandardCharsets.UTF_8);
    ParseOptions o = new ParseOptions();
    o.setResolve(true);
    return new OpenAPIV3Parser().readContents(yaml, null, o);
  }

  @Test
  void theDocumentPassesAStandardValidator() throws Exception {
    SwaggerParseResult r = parse();
    assertThat(r.getMessages()).as("validator messages").isEmpty();
    assertThat(r.getOpenAPI()).isNotNull();
  }

  @Test
  void everySecuredOperationDocuments401AndEveryTenantOperation400And404() throws Exception {
    OpenAPI api = parse().getOpenAPI();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op :
          e.getValue().readOperationsMap().entrySet()) {
        Operation o = op.getValue();
        boolean open = o.getSecurity() != null && o.getSecurity().isEmpty();
        String name = op.getKey() + " " + e.getKey();
        if (!open && !o.getResponses().containsKey("401")) {
          missing.add(name + " 401");
        }
        if (e.getKey().startsWith("/v1/tenants/{tenantId}/")) {
          for (String code : new String[] {"400", "404"}) {
            if (!o.getResponses().containsKey(code)) {
              missing.add(name + " " + code);
            }
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theIdPatternIsPortableAndAgreesWithTheServer() throws Exception {
    String pattern = parse().getOpenAPI().getComponents().getSchemas().get("Id").getPattern();
    assertThat(pattern).doesNotContain("\\p{");
    Pattern p = Pattern.compile(pattern);
    for (String ok : new String[] {"c1", "acme-42", "Ünïcode", "a.b", "..."}) {
      assertThat(p.matcher(ok).matches()).as(ok).isTrue();
    }
    for (String bad :
        new String[] {".", "..", "a/b", "a b", "a\u0000b", "a\u0085b", "a\u2028b", "a\u200bb"}) {
      assertThat(p.matcher(bad).matches()).as(bad).isFalse();
    }
  }
}
