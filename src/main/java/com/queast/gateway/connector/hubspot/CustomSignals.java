package com.queast.gateway.connector.hubspot;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.mapping.MappingSpec;
import com.queast.gateway.mapping.Rule;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.Connection;
import com.queast.gateway.tenant.ConnectionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signals as records of a custom object ({@code signal.as: custom_object}, Enterprise portals only,
 * vendor notes §3.2): finds the schema the mapping names by its name, creates it (or its missing
 * properties and associations) when absent, and caches its {@code objectTypeId} and association
 * type ids in the connection config ({@value #CONFIG_KEY}).
 */
public final class CustomSignals {

  /** The {@code signal.as} value. */
  public static final String AS = "custom_object";

  /** Connection config key of the cached schema facts. */
  public static final String CONFIG_KEY = "customSignal";

  /** The optional scopes custom objects need (granted on Enterprise portals only). */
  public static final List<String> SCOPES =
      List.of(
          "crm.schemas.custom.read",
          "crm.schemas.custom.write",
          "crm.objects.custom.read",
          "crm.objects.custom.write");

  private static final Pattern OBJECT = Pattern.compile("p_([A-Za-z][A-Za-z0-9_]*)");
  private static final String COMPANIES = "0-2";
  private static final String CONTACTS = "0-1";

  /**
   * The cached schema facts.
   *
   * @param name schema name
   * @param objectTypeId its object type id ({@code 2-…})
   * @param toCompany association type id custom → company
   * @param toContact association type id custom → contact
   * @param properties the schema's property names
   */
  public record Schema(
      String name, String objectTypeId, int toCompany, int toContact, Set<String> properties) {

    JsonObject toJson() {
      return new JsonObject()
          .put("name", name)
          .put("objectTypeId", objectTypeId)
          .put("toCompany", toCompany)
          .put("toContact", toContact)
          .put("properties", new JsonArray(new ArrayList<>(properties)));
    }

    static Schema fromConfig(JsonObject config) {
      JsonObject j = config == null ? null : config.getJsonObject(CONFIG_KEY);
      if (j == null || j.getString("objectTypeId") == null) {
        return null;
      }
      Set<String> props = new LinkedHashSet<>();
      j.getJsonArray("properties", new JsonArray()).forEach(p -> props.add(String.valueOf(p)));
      return new Schema(
          j.getString("name"),
          j.getString("objectTypeId"),
          j.getInteger("toCompany", 0),
          j.getInteger("toContact", 0),
          props);
    }
  }

  private final HubSpotCaller caller;
  private final HubSpotPaths paths;
  private final ConnectionStore connections;

  /**
   * Custom-object Signals.
   *
   * @param caller paced caller
   * @param paths API paths
   * @param connections where the schema facts are cached
   */
  public CustomSignals(HubSpotCaller caller, HubSpotPaths paths, ConnectionStore connections) {
    this.caller = caller;
    this.paths = paths;
    this.connections = connections;
  }

  /**
   * Whether a written object type is a custom one ({@code 2-…}).
   *
   * @param crmObject object type
   * @return true for custom object type ids
   */
  public static boolean isCustom(String crmObject) {
    return crmObject != null && crmObject.startsWith("2-");
  }

  /**
   * The association (category {@code USER_DEFINED}, the schema's type id) from a custom Signal to a
   * target kind.
   *
   * @param c connection (its config holds the cached schema)
   * @param kind {@code company} or {@code person}
   * @return the type id
   * @throws IllegalStateException when the schema was never resolved for the connection
   */
  public static int associationType(Connection c, String kind) {
    Schema s = Schema.fromConfig(c.config());
    if (s == null) {
      throw new IllegalStateException("no custom object schema resolved for the connection");
    }
    return "company".equals(kind) ? s.toCompany() : s.toContact();
  }

  /**
   * Static checks of a mapping that asks for custom objects: the object must be {@code p_{name}}.
   *
   * @param spec merged mapping
   * @return the problems (empty when fine or not asked for)
   */
  public static List<FieldError> check(MappingSpec spec) {
    if (!AS.equals(spec.signalAs())) {
      return List.of();
    }
    String object = spec.object(RecordType.SIGNAL).object();
    if (!OBJECT.matcher(object).matches()) {
      return List.of(
          new FieldError(
              "signal.custom_object.object",
              "format",
              "the custom object is named p_{schema name}, e.g. p_queast_signal; got " + object));
    }
    return List.of();
  }

  /**
   * The check of a tenant's mapping before it is stored ({@code CrmConnector.checkMapping}): a
   * misnamed object is refused; on an active connection, custom objects must be possible (granted
   * scopes, then HubSpot's answer) and the schema is made ready.
   *
   * @param pacer the portal's pacer
   * @param c the connection
   * @param spec the merged mapping
   * @return a Uni completing when fine; failing with a 400 {@code GatewayException} naming {@code
   *     signal.as} (or the object) otherwise
   */
  public Uni<Void> checkMapping(HubSpotPacer pacer, Connection c, MappingSpec spec) {
    List<FieldError> errors = check(spec);
    if (!errors.isEmpty()) {
      return Uni.createFrom()
          .failure(
              GatewayException.validation(
                  "the mapping's custom object is misnamed; nothing was changed", errors));
    }
    if (!AS.equals(spec.signalAs())
        || c.accountId() == null
        || !Connection.ACTIVE.equals(c.status())) {
      return Uni.createFrom().voidItem();
    }
    JsonArray granted = c.config() == null ? null : c.config().getJsonArray("scopes");
    if (granted != null && !granted.getList().containsAll(SCOPES)) {
      return Uni.createFrom()
          .failure(
              GatewayException.validation(
                  "this HubSpot portal cannot have custom objects; nothing was changed",
                  List.of(
                      new FieldError(
                          "signal.as",
                          "not_available",
                          "custom_object needs a HubSpot Enterprise portal: the optional scopes "
                              + String.join(", ", SCOPES)
                              + " were not granted at install (HubSpot drops them on portals"
                              + " without Enterprise)"))));
    }
    return ensure(pacer, c, spec).replaceWithVoid();
  }

  /**
   * At setup: when the mapping already asks for custom-object Signals, their schema is made ready
   * too; a portal that cannot have it does not fail the setup (its Signals fail with the reason).
   *
   * @param pacer the portal's pacer
   * @param c the connection
   * @param spec its mapping
   * @return a Uni emitting config to merge ({@value #CONFIG_KEY}, or {@code customSignalError})
   */
  public Uni<JsonObject> atSetup(HubSpotPacer pacer, Connection c, MappingSpec spec) {
    if (!AS.equals(spec.signalAs())) {
      return Uni.createFrom().item(new JsonObject());
    }
    return ensure(pacer, c, spec)
        .map(
            done ->
                new JsonObject()
                    .put(CONFIG_KEY, done.config().getJsonObject(CONFIG_KEY))
                    .putNull(CONFIG_KEY + "Error"))
        .onFailure()
        .recoverWithItem(t -> new JsonObject().put(CONFIG_KEY + "Error", t.getMessage()));
  }

  /**
   * Makes sure the schema the mapping names exists with its properties and its company and contact
   * associations, and caches its facts in the connection config.
   *
   * @param pacer the portal's pacer
   * @param c active connection
   * @param spec the mapping (asking for {@code custom_object})
   * @return a Uni emitting the connection with the cached facts in its config; fails with a 400
   *     {@code GatewayException} naming {@code signal.as} when the portal has no custom objects
   *     (tier or scopes), with a 502 one when HubSpot refuses a step
   */
  public Uni<Connection> ensure(HubSpotPacer pacer, Connection c, MappingSpec spec) {
    String name = schemaName(spec);
    Map<String, Rule> rules = spec.object(RecordType.SIGNAL).properties();
    Set<String> wanted = new LinkedHashSet<>();
    wanted.add(ObjectWriter.ID_PROPERTY);
    wanted.addAll(rules.keySet());
    Schema cached = Schema.fromConfig(c.config());
    if (cached != null
        && cached.name().equals(name)
        && cached.properties().containsAll(wanted)
        && cached.toCompany() != 0
        && cached.toContact() != 0) {
      return Uni.createFrom().item(c);
    }
    return find(pacer, c, name)
        .chain(
            found ->
                found == null
                    ? create(pacer, c, spec, name, rules)
                    : complete(pacer, c, found, rules))
        .chain(
            schema -> {
              Schema s = facts(schema);
              JsonObject cfg = new JsonObject().put(CONFIG_KEY, s.toJson());
              return connections
                  .mergeConfig(c.tenantId(), c.id(), cfg)
                  .map(v -> withConfig(c, c.config().copy().mergeIn(cfg)));
            });
  }

  private static Connection withConfig(Connection c, JsonObject config) {
    return new Connection(
        c.id(),
        c.tenantId(),
        c.crm(),
        c.authType(),
        c.status(),
        c.statusReason(),
        c.accountId(),
        c.sealedCredentials(),
        c.tokenExpiresAt(),
        config,
        c.createdAt(),
        c.updatedAt());
  }

  static String schemaName(MappingSpec spec) {
    String object = spec.object(RecordType.SIGNAL).object();
    var m = OBJECT.matcher(object);
    if (!m.matches()) {
      throw GatewayException.validation(
          "the mapping's custom object is not named p_{schema name}", check(spec));
    }
    return m.group(1);
  }

  private Uni<JsonObject> find(HubSpotPacer pacer, Connection c, String name) {
    return caller
        .call(pacer, c, HttpMethod.GET, paths.schemas(), null)
        .map(
            r -> {
              if (r.status() == 401 || r.status() == 403) {
                throw unavailable(r);
              }
              if (r.status() != 200 || r.json() == null) {
                throw failed("listing custom object schemas", r);
              }
              for (Object o : r.json().getJsonArray("results", new JsonArray())) {
                JsonObject s = (JsonObject) o;
                if (name.equals(s.getString("name"))) {
                  return s;
                }
              }
              return null;
            });
  }

  private Uni<JsonObject> create(
      HubSpotPacer pacer, Connection c, MappingSpec spec, String name, Map<String, Rule> rules) {
    JsonObject section =
        spec.toJson().getJsonObject("signal", new JsonObject()).getJsonObject(AS, new JsonObject());
    JsonObject labels =
        section.getJsonObject(
            "labels",
            new JsonObject().put("singular", "Queast Signal").put("plural", "Queast Signals"));
    JsonArray props =
        new JsonArray().add(property(ObjectWriter.ID_PROPERTY, null).put("hasUniqueValue", true));
    rules.forEach((n, rule) -> props.add(property(n, rule)));
    String display = rules.keySet().stream().findFirst().orElse(ObjectWriter.ID_PROPERTY);
    JsonObject egg =
        new JsonObject()
            .put("name", name)
            .put("labels", labels)
            .put("description", "Signals delivered by Queast")
            .put("primaryDisplayProperty", display)
            .put("requiredProperties", new JsonArray().add(ObjectWriter.ID_PROPERTY))
            .put("searchableProperties", new JsonArray().add(display))
            .put("properties", props)
            .put("associatedObjects", new JsonArray().add("COMPANY").add("CONTACT"));
    return caller
        .call(pacer, c, HttpMethod.POST, paths.schemas(), egg)
        .chain(
            r -> {
              if (r.status() == 201 || r.status() == 200) {
                return Uni.createFrom().item(r.json());
              }
              if (r.status() == 409) {
                // Created meanwhile (another instance, a retry after a lost answer): use it.
                return find(pacer, c, name)
                    .map(
                        s -> {
                          if (s == null) {
                            throw failed("creating the custom object schema " + name, r);
                          }
                          return s;
                        })
                    .chain(s -> complete(pacer, c, s, rules));
              }
              if (r.status() == 401 || r.status() == 403) {
                throw unavailable(r);
              }
              throw failed("creating the custom object schema " + name, r);
            });
  }

  /** Adds what an existing schema lacks: mapped properties, company/contact associations. */
  private Uni<JsonObject> complete(
      HubSpotPacer pacer, Connection c, JsonObject schema, Map<String, Rule> rules) {
    String typeId = schema.getString("objectTypeId");
    Set<String> have = propertyNames(schema);
    Uni<Void> chain = Uni.createFrom().voidItem();
    Map<String, Rule> all = new java.util.LinkedHashMap<>();
    all.put(ObjectWriter.ID_PROPERTY, null);
    all.putAll(rules);
    for (Map.Entry<String, Rule> e : all.entrySet()) {
      if (have.contains(e.getKey())) {
        continue;
      }
      JsonObject p =
          property(e.getKey(), e.getValue())
              .put("groupName", schema.getString("name") + "_information");
      if (e.getValue() == null) {
        p.put("hasUniqueValue", true);
      }
      chain =
          chain.chain(
              () ->
                  caller
                      .call(pacer, c, HttpMethod.POST, paths.properties(typeId), p)
                      .invoke(
                          r -> {
                            if (r.status() != 201 && r.status() != 409) {
                              throw failed("creating property " + p.getString("name"), r);
                            }
                            schema.getJsonArray("properties").add(p);
                          })
                      .replaceWithVoid());
    }
    for (String target : List.of(COMPANIES, CONTACTS)) {
      if (associationTo(schema, target) != 0) {
        continue;
      }
      JsonObject egg =
          new JsonObject().put("fromObjectTypeId", typeId).put("toObjectTypeId", target);
      chain =
          chain.chain(
              () ->
                  caller
                      .call(pacer, c, HttpMethod.POST, paths.schemaAssociations(typeId), egg)
                      .invoke(
                          r -> {
                            if (!r.ok() || r.json() == null) {
                              throw failed("associating the custom object to " + target, r);
                            }
                            schema.getJsonArray("associations").add(r.json());
                          })
                      .replaceWithVoid());
    }
    return chain.map(v -> schema);
  }

  private static Set<String> propertyNames(JsonObject schema) {
    Set<String> out = new LinkedHashSet<>();
    for (Object o : schema.getJsonArray("properties", new JsonArray())) {
      out.add(((JsonObject) o).getString("name"));
    }
    return out;
  }

  private static int associationTo(JsonObject schema, String target) {
    for (Object o : schema.getJsonArray("associations", new JsonArray())) {
      JsonObject a = (JsonObject) o;
      if (target.equals(a.getString("toObjectTypeId"))
          && schema.getString("objectTypeId").equals(a.getString("fromObjectTypeId"))) {
        return Integer.parseInt(a.getString("id"));
      }
    }
    return 0;
  }

  private static Schema facts(JsonObject schema) {
    return new Schema(
        schema.getString("name"),
        schema.getString("objectTypeId"),
        associationTo(schema, COMPANIES),
        associationTo(schema, CONTACTS),
        propertyNames(schema));
  }

  /** A property definition for a mapped property: datetime for timestamps, text otherwise. */
  private static JsonObject property(String name, Rule rule) {
    boolean time =
        rule != null
            && rule.transforms() != null
            && (rule.transforms().contains("epochMillis") || rule.transforms().contains("date"));
    JsonObject p = new JsonObject().put("name", name).put("label", label(name));
    if (time) {
      boolean date = rule.transforms().contains("date");
      return p.put("type", date ? "date" : "datetime").put("fieldType", "date");
    }
    boolean long_ = rule != null && rule.template() != null;
    return p.put("type", "string").put("fieldType", long_ ? "textarea" : "text");
  }

  private static String label(String name) {
    String n = name.startsWith("queast_") ? name.substring("queast_".length()) : name;
    String words = n.replace('_', ' ');
    String label =
        words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    return ObjectWriter.ID_PROPERTY.equals(name) ? "Queast ID" : label;
  }

  private static GatewayException unavailable(HubSpotResponse r) {
    return GatewayException.validation(
        "HubSpot refused custom objects for this portal",
        List.of(
            new FieldError(
                "signal.as",
                "not_available",
                "custom_object needs a HubSpot Enterprise portal and the optional scopes "
                    + String.join(", ", SCOPES)
                    + " granted to the app; HubSpot answered "
                    + r.status()
                    + ": "
                    + r.message())));
  }

  private static GatewayException failed(String what, HubSpotResponse r) {
    return new GatewayException(
        "hubspot_custom_object_failed",
        502,
        what + ": HubSpot answered " + r.status() + " " + r.message());
  }
}
