package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomObjectsIT {

  static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static JsonObject portal(boolean enterprise) {
    return fx.http
        .post(
            "/_sandbox/portals",
            new JsonObject().put("hubTier", enterprise ? "enterprise" : "professional"))
        .json();
  }

  private static TestHttp client(JsonObject portal) {
    return fx.http.withToken(portal.getString("privateAppToken"));
  }

  static JsonObject cars() {
    return new JsonObject()
        .put("name", "cars")
        .put("labels", new JsonObject().put("singular", "Car").put("plural", "Cars"))
        .put("primaryDisplayProperty", "model")
        .put("requiredProperties", new JsonArray().add("vin").add("model"))
        .put("searchableProperties", new JsonArray().add("model"))
        .put(
            "properties",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "vin")
                        .put("label", "VIN")
                        .put("type", "string")
                        .put("fieldType", "text")
                        .put("hasUniqueValue", true))
                .add(
                    new JsonObject()
                        .put("name", "model")
                        .put("label", "Model")
                        .put("type", "string")
                        .put("fieldType", "text"))
                .add(
                    new JsonObject()
                        .put("name", "year")
                        .put("label", "Year")
                        .put("type", "number")
                        .put("fieldType", "number")))
        .put("associatedObjects", new JsonArray().add("COMPANY").add("CONTACT"));
  }

  @Test
  void aSchemaIsCreatedOnceAndAnsweredUnderEveryPathAndName() {
    JsonObject portal = portal(true);
    long portalId = portal.getLong("portalId");
    TestHttp api = client(portal);
    TestHttp.Res created = api.post("/crm-object-schemas/v3/schemas", cars());
    assertThat(created.status()).isEqualTo(201);
    JsonObject s = created.json();
    String typeId = s.getString("objectTypeId");
    assertThat(typeId).startsWith("2-");
    assertThat(s.getString("id")).isEqualTo(typeId.substring(2));
    assertThat(s.getString("fullyQualifiedName")).isEqualTo("p" + portalId + "_cars");
    assertThat(s.getString("name")).isEqualTo("cars");
    assertThat(s.getJsonObject("labels").getString("plural")).isEqualTo("Cars");
    assertThat(s.getJsonArray("requiredProperties")).containsExactly("vin", "model");
    assertThat(s.getJsonArray("properties").stream().map(p -> ((JsonObject) p).getString("name")))
        .containsExactly("vin", "model", "year");
    JsonObject vin = s.getJsonArray("properties").getJsonObject(0);
    assertThat(vin.getBoolean("hasUniqueValue")).isTrue();
    assertThat(vin.getString("groupName")).isEqualTo("cars_information");
    JsonArray assoc = s.getJsonArray("associations");
    assertThat(assoc).hasSize(2);
    assertThat(assoc.getJsonObject(0).getString("fromObjectTypeId")).isEqualTo(typeId);
    assertThat(assoc.getJsonObject(0).getString("toObjectTypeId")).isEqualTo("0-2");
    assertThat(assoc.getJsonObject(0).getString("name")).isEqualTo("cars_to_company");
    assertThat(assoc.getJsonObject(0).getString("id")).matches("\\d+");
    assertThat(assoc.getJsonObject(1).getString("toObjectTypeId")).isEqualTo("0-1");

    for (String path :
        List.of(
            "/crm/v3/schemas/" + typeId,
            "/crm-object-schemas/2026-03/schemas/p_cars",
            "/crm-object-schemas/v3/schemas/p" + portalId + "_cars")) {
      TestHttp.Res r = api.get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.json().getString("objectTypeId")).isEqualTo(typeId);
    }
    assertThat(api.get("/crm/v3/schemas").json().getJsonArray("results")).hasSize(1);

    TestHttp.Res again = api.post("/crm/v3/schemas", cars());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getString("category")).isEqualTo("CONFLICT");
    assertThat(again.json().getString("message")).contains("cars");

    TestHttp.Res patched =
        api.patch(
            "/crm/v3/schemas/" + typeId,
            new JsonObject().put("labels", new JsonObject().put("singular", "Auto")));
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().getJsonObject("labels").getString("singular")).isEqualTo("Auto");
    assertThat(patched.json().getJsonObject("labels").getString("plural")).isEqualTo("Cars");

    TestHttp.Res extra =
        api.post(
            "/crm/v3/schemas/" + typeId + "/associations",
            new JsonObject()
                .put("fromObjectTypeId", typeId)
                .put("toObjectTypeId", "0-46")
                .put("name", "car_to_note"));
    assertThat(extra.status()).isEqualTo(200);
    assertThat(extra.json().getString("name")).isEqualTo("car_to_note");
    assertThat(api.get("/crm/v3/schemas/" + typeId).json().getJsonArray("associations")).hasSize(3);
  }

  @Test
  void anEggMissingFieldsOrWithABadNameIsRefused() {
    TestHttp api = client(portal(true));
    for (String field :
        List.of("name", "labels", "properties", "requiredProperties", "associatedObjects")) {
      JsonObject egg = cars();
      egg.remove(field);
      TestHttp.Res r = api.post("/crm/v3/schemas", egg);
      assertThat(r.status()).as(field).isEqualTo(400);
      assertThat(r.json().getString("category")).isEqualTo("VALIDATION_ERROR");
      assertThat(r.json().getString("message")).contains(field);
    }
    for (String bad : List.of("1cars", "my-cars", "car s")) {
      TestHttp.Res r = api.post("/crm/v3/schemas", cars().put("name", bad));
      assertThat(r.status()).as(bad).isEqualTo(400);
    }
    TestHttp.Res unknownRequired =
        api.post(
            "/crm/v3/schemas", cars().put("requiredProperties", new JsonArray().add("colour")));
    assertThat(unknownRequired.status()).isEqualTo(400);
    assertThat(unknownRequired.json().getString("message")).contains("colour");
    TestHttp.Res unknownTarget =
        api.post(
            "/crm/v3/schemas", cars().put("associatedObjects", new JsonArray().add("SPACESHIP")));
    assertThat(unknownTarget.status()).isEqualTo(400);
    assertThat(api.get("/crm/v3/schemas").json().getJsonArray("results")).isEmpty();
  }

  @Test
  void recordsOfACustomTypeUpsertSearchReadAndAssociateWithTheSchemasTypeIds() {
    JsonObject portal = portal(true);
    long portalId = portal.getLong("portalId");
    TestHttp api = client(portal);
    JsonObject schema = api.post("/crm/v3/schemas", cars()).json();
    String typeId = schema.getString("objectTypeId");
    int toCompany =
        Integer.parseInt(schema.getJsonArray("associations").getJsonObject(0).getString("id"));

    JsonObject upsert =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", "V1")
                            .put("idProperty", "vin")
                            .put("properties", new JsonObject().put("model", "Beetle")))
                    .add(
                        new JsonObject()
                            .put("id", "V2")
                            .put("idProperty", "vin")
                            .put("properties", new JsonObject().put("model", "Golf"))));
    TestHttp.Res first = api.post("/crm/v3/objects/" + typeId + "/batch/upsert", upsert);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getJsonArray("results")).hasSize(2);
    assertThat(first.json().getJsonArray("results").getJsonObject(0).getBoolean("new")).isTrue();
    TestHttp.Res second =
        api.post("/crm/objects/2026-03/p" + portalId + "_cars/batch/upsert", upsert);
    assertThat(second.json().getJsonArray("results").getJsonObject(0).getBoolean("new")).isFalse();
    assertThat(
            fx.sandbox.count(
                portalId, fx.sandbox.portal(portalId).orElseThrow().requireType(typeId)))
        .isEqualTo(2);

    String carId =
        api.get("/crm/v3/objects/p_cars/V1?idProperty=vin&properties=model").json().getString("id");
    assertThat(
            api.get("/crm/v3/objects/" + typeId + "/" + carId + "?properties=model,vin")
                .json()
                .getJsonObject("properties")
                .getString("model"))
        .isEqualTo("Beetle");
    TestHttp.Res byBaseName = api.get("/crm/v3/objects/cars/" + carId);
    assertThat(byBaseName.status()).isEqualTo(400);

    TestHttp.Res missingRequired =
        api.post(
            "/crm/v3/objects/" + typeId,
            new JsonObject().put("properties", new JsonObject().put("vin", "V3")));
    assertThat(missingRequired.status()).isEqualTo(400);
    assertThat(missingRequired.json().getString("message")).contains("model");

    String companyId =
        api.post(
                "/crm/v3/objects/companies",
                new JsonObject().put("properties", new JsonObject().put("name", "VW")))
            .json()
            .getString("id");
    JsonObject link =
        new JsonObject()
            .put(
                "inputs",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("from", new JsonObject().put("id", carId))
                            .put("to", new JsonObject().put("id", companyId))
                            .put(
                                "types",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("associationCategory", "USER_DEFINED")
                                            .put("associationTypeId", toCompany)))));
    TestHttp.Res linked =
        api.post("/crm/v4/associations/" + typeId + "/companies/batch/create", link);
    assertThat(linked.status()).isEqualTo(201);
    TestHttp.Res wrongId =
        api.post(
            "/crm/v4/associations/" + typeId + "/companies/batch/create",
            new JsonObject()
                .put(
                    "inputs",
                    new JsonArray()
                        .add(
                            link.getJsonArray("inputs")
                                .getJsonObject(0)
                                .copy()
                                .put(
                                    "types",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put("associationCategory", "HUBSPOT_DEFINED")
                                                .put("associationTypeId", 190))))));
    assertThat(wrongId.status()).isIn(400, 207);

    JsonObject fromCompany =
        api.post(
                "/crm/v4/associations/companies/" + typeId + "/batch/read",
                new JsonObject()
                    .put("inputs", new JsonArray().add(new JsonObject().put("id", companyId))))
            .json();
    JsonObject to =
        fromCompany.getJsonArray("results").getJsonObject(0).getJsonArray("to").getJsonObject(0);
    assertThat(to.getLong("toObjectId")).isEqualTo(Long.parseLong(carId));
    JsonObject type = to.getJsonArray("associationTypes").getJsonObject(0);
    assertThat(type.getString("category")).isEqualTo("USER_DEFINED");
    assertThat(type.getInteger("typeId")).isNotEqualTo(toCompany);

    JsonObject found =
        api.post(
                "/crm/v3/objects/" + typeId + "/search",
                new JsonObject()
                    .put(
                        "filterGroups",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put(
                                        "filters",
                                        new JsonArray()
                                            .add(
                                                new JsonObject()
                                                    .put("propertyName", "vin")
                                                    .put("operator", "EQ")
                                                    .put("value", "V2"))))))
            .json();
    assertThat(found.getInteger("total")).isEqualTo(1);

    TestHttp.Res busy = api.delete("/crm/v3/schemas/" + typeId);
    assertThat(busy.status()).isEqualTo(400);
  }

  @Test
  void aPortalWithoutEnterpriseGetsNoSchemasAndTheScopesAreEnforced() {
    TestHttp pro = client(portal(false));
    TestHttp.Res r = pro.post("/crm/v3/schemas", cars());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().getString("category")).isEqualTo("MISSING_SCOPES");

    JsonObject proWithScopes =
        fx.http
            .post(
                "/_sandbox/portals",
                new JsonObject()
                    .put(
                        "scopes",
                        new JsonArray()
                            .add("crm.schemas.custom.read")
                            .add("crm.schemas.custom.write")))
            .json();
    TestHttp.Res notEnterprise = client(proWithScopes).post("/crm/v3/schemas", cars());
    assertThat(notEnterprise.status()).isEqualTo(403);
    assertThat(notEnterprise.json().getString("message")).contains("Enterprise");

    JsonObject readOnly =
        fx.http
            .post(
                "/_sandbox/portals",
                new JsonObject()
                    .put("hubTier", "enterprise")
                    .put(
                        "scopes",
                        new JsonArray()
                            .add("crm.schemas.custom.read")
                            .add("crm.schemas.custom.write")
                            .add("crm.objects.custom.read")))
            .json();
    TestHttp ro = client(readOnly);
    String typeId = ro.post("/crm/v3/schemas", cars()).json().getString("objectTypeId");
    TestHttp.Res write =
        ro.post(
            "/crm/v3/objects/" + typeId,
            new JsonObject().put("properties", new JsonObject().put("vin", "X").put("model", "Y")));
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.json().getString("category")).isEqualTo("MISSING_SCOPES");
    assertThat(write.body()).contains("crm.objects.custom.write");
    assertThat(ro.get("/crm/v3/objects/" + typeId).status()).isEqualTo(200);
  }

  @Test
  void oauthDropsTheOptionalCustomScopesOnANonEnterprisePortalOnly() {
    assertThat(grantedScopes(portal(false).getLong("portalId")))
        .doesNotContain("crm.schemas.custom.write", "crm.objects.custom.write")
        .contains("crm.objects.companies.write");
    assertThat(grantedScopes(portal(true).getLong("portalId")))
        .contains("crm.schemas.custom.write", "crm.objects.custom.write");
  }

  private static List<Object> grantedScopes(long portal) {
    String redirect = "http://localhost/cb";
    String scopes =
        String.join(" ", fx.sandbox.options().appScopes()) + " crm.objects.companies.write";
    String optional =
        "crm.schemas.custom.read crm.schemas.custom.write crm.objects.custom.read"
            + " crm.objects.custom.write";
    TestHttp.Res page =
        fx.http.get(
            "/oauth/authorize?client_id=sandbox-client-id&redirect_uri="
                + enc(redirect)
                + "&scope="
                + enc(scopes)
                + "&optional_scope="
                + enc(optional)
                + "&sandbox_auto_consent=true&portal_id="
                + portal);
    assertThat(page.status()).isEqualTo(302);
    Matcher m = Pattern.compile("code=([^&]+)").matcher(page.header("Location"));
    assertThat(m.find()).isTrue();
    JsonObject tokens =
        fx.http
            .form(
                "/oauth/v1/token",
                "grant_type=authorization_code&client_id=sandbox-client-id"
                    + "&client_secret=sandbox-client-secret&redirect_uri="
                    + enc(redirect)
                    + "&code="
                    + m.group(1))
            .json();
    return fx.http
        .get("/oauth/v1/access-tokens/" + tokens.getString("access_token"))
        .json()
        .getJsonArray("scopes")
        .getList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
