package com.queast.gateway.mapping;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.record.RecordType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated mapping: per record type the CRM object and its property rules; for Signals
 * the chosen representation ({@code as}) among the ones the connector offers; an optional export
 * scope. Tenant overrides are JSON merge patches (RFC 7396) over the connector's defaults: {@code
 * null} removes a rule, an object replaces or adds one.
 */
public final class MappingSpec {

  /** Queast fields a rule may read, per record type ({@code id} is always there). */
  private static final Map<RecordType, Set<String>> FIELDS =
      Map.of(
          RecordType.COMPANY,
          Set.of(
              "id",
              "name",
              "domain",
              "website",
              "linkedinUrl",
              "country",
              "city",
              "phone",
              "industry",
              "employeeCount",
              "description",
              "tags"),
          RecordType.PERSON,
          Set.of(
              "id", "firstName", "lastName", "email", "phone", "title", "linkedinUrl", "companyId"),
          RecordType.SIGNAL,
          Set.of(
              "id",
              "companyId",
              "personId",
              "type",
              "title",
              "summary",
              "url",
              "score",
              "occurredAt"));

  /**
   * One object's mapping.
   *
   * @param object CRM object type
   * @param properties CRM property → rule, in order
   */
  public record ObjectMapping(String object, Map<String, Rule> properties) {}

  private final JsonObject json;
  private final Map<RecordType, ObjectMapping> objects;
  private final String signalAs;
  private final Set<String> scopeTypes;
  private final List<String> scopeTags;

  private MappingSpec(
      JsonObject json,
      Map<RecordType, ObjectMapping> objects,
      String signalAs,
      Set<String> scopeTypes,
      List<String> scopeTags) {
    this.json = json;
    this.objects = objects;
    this.signalAs = signalAs;
    this.scopeTypes = scopeTypes;
    this.scopeTags = scopeTags;
  }

  /** The keys of an object section (a misspelt one is an error, never silently ignored). */
  private static final List<String> SECTION_KEYS = List.of("object", "properties", "onDelete");

  /** A custom object target also names its labels (the schema the connector creates). */
  private static final List<String> CUSTOM_OBJECT_KEYS =
      List.of("object", "properties", "labels", "onDelete");

  /** What a connection does with the CRM record when Queast deletes the record (issue 16). */
  public static final List<String> DELETE_POLICIES = List.of("unlink", "archive", "clear");

  /** The policy when a mapping names none: the CRM record stays and the link is forgotten. */
  public static final String DEFAULT_DELETE_POLICY = "unlink";

  /**
   * Parses and validates a mapping; every problem is reported with its path.
   *
   * @param json the mapping ({@code company}, {@code person}, {@code signal}, {@code scope})
   * @param errors where problems go (paths like {@code company.properties.name.transform[0]})
   * @return the spec, or null when there were errors
   */
  public static MappingSpec parse(JsonObject json, List<FieldError> errors) {
    int before = errors.size();
    Map<RecordType, ObjectMapping> objects = new LinkedHashMap<>();
    for (String key : json.fieldNames()) {
      if (!Set.of("company", "person", "signal", "scope").contains(key)) {
        errors.add(new FieldError(key, "unknown", "unknown mapping section " + key));
      }
    }
    objects.put(
        RecordType.COMPANY,
        object(RecordType.COMPANY, "company", json.getValue("company"), errors));
    objects.put(
        RecordType.PERSON, object(RecordType.PERSON, "person", json.getValue("person"), errors));
    String as = null;
    Object signal = json.getValue("signal");
    if (!(signal instanceof JsonObject s)) {
      errors.add(
          new FieldError(
              "signal", "required", "signal must be an object with 'as' and its targets"));
    } else {
      Object asValue = s.getValue("as");
      if (!(asValue instanceof String a) || a.isBlank()) {
        errors.add(
            new FieldError(
                "signal.as", "required", "signal.as names how Signals appear, e.g. note"));
      } else if (!(s.getValue(a) instanceof JsonObject) || "onDelete".equals(a)) {
        List<String> offered = new ArrayList<>(s.fieldNames());
        offered.remove("as");
        offered.remove("onDelete");
        errors.add(
            new FieldError(
                "signal.as",
                "enum",
                "signal.as must be one of " + String.join(", ", offered) + ", got " + a));
      } else {
        as = a;
        objects.put(
            RecordType.SIGNAL, object(RecordType.SIGNAL, "signal." + a, s.getValue(a), errors));
        for (String target : s.fieldNames()) {
          if (!target.equals("as") && !target.equals(a) && !target.equals("onDelete")) {
            object(RecordType.SIGNAL, "signal." + target, s.getValue(target), errors);
          }
        }
      }
    }
    for (String section : List.of("company", "person", "signal")) {
      if (json.getValue(section) instanceof JsonObject o && o.containsKey("onDelete")) {
        Object p = o.getValue("onDelete");
        if (!(p instanceof String ps) || !DELETE_POLICIES.contains(ps)) {
          errors.add(
              new FieldError(
                  section + ".onDelete",
                  "enum",
                  section
                      + ".onDelete must be one of "
                      + String.join(", ", DELETE_POLICIES)
                      + ", got "
                      + p));
        }
      }
    }
    Set<String> types = Set.of("company", "person", "signal");
    List<String> tags = List.of();
    Object scope = json.getValue("scope");
    if (scope != null) {
      if (!(scope instanceof JsonObject sc)) {
        errors.add(new FieldError("scope", "type", "scope must be an object"));
      } else {
        types = scopeTypes(sc, errors);
        tags = strings(sc.getValue("tags"), "scope.tags", errors);
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new MappingSpec(json.copy(), objects, as, types, tags);
  }

  private static Set<String> scopeTypes(JsonObject sc, List<FieldError> errors) {
    Object t = sc.getValue("types");
    if (t == null) {
      return Set.of("company", "person", "signal");
    }
    List<String> list = strings(t, "scope.types", errors);
    for (String s : list) {
      if (!Set.of("company", "person", "signal").contains(s)) {
        errors.add(
            new FieldError(
                "scope.types", "enum", "scope.types holds company, person or signal, got " + s));
      }
    }
    return Set.copyOf(list);
  }

  private static List<String> strings(Object v, String path, List<FieldError> errors) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String))) {
      errors.add(new FieldError(path, "type", path + " must be an array of strings"));
      return List.of();
    }
    return a.stream().map(String::valueOf).toList();
  }

  private static ObjectMapping object(
      RecordType type, String path, Object v, List<FieldError> errors) {
    if (!(v instanceof JsonObject o)) {
      errors.add(
          new FieldError(
              path, "required", path + " must be an object with 'object' and 'properties'"));
      return null;
    }
    List<String> known = path.equals("signal.custom_object") ? CUSTOM_OBJECT_KEYS : SECTION_KEYS;
    for (String k : o.fieldNames()) {
      if (!known.contains(k)) {
        errors.add(
            new FieldError(
                path + "." + k,
                "unknown",
                "unknown key " + k + "; a section has " + String.join(", ", known)));
      }
    }
    if (!(o.getValue("object") instanceof String obj) || obj.isBlank()) {
      errors.add(new FieldError(path + ".object", "required", "the CRM object type is required"));
      return null;
    }
    if (!(o.getValue("properties") instanceof JsonObject props)) {
      errors.add(new FieldError(path + ".properties", "required", "properties must be an object"));
      return null;
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (String target : props.fieldNames()) {
      Rule r = rule(type, path + ".properties." + target, props.getValue(target), errors);
      if (r != null) {
        rules.put(target, r);
      }
    }
    return new ObjectMapping(obj, rules);
  }

  private static Rule rule(RecordType type, String path, Object v, List<FieldError> errors) {
    if (!(v instanceof JsonObject r)) {
      errors.add(new FieldError(path, "type", "a rule is an object with from, template or value"));
      return null;
    }
    for (String k : r.fieldNames()) {
      if (!Set.of("from", "template", "value", "transform").contains(k)) {
        errors.add(
            new FieldError(
                path + "." + k, "unknown", "a rule has from, template, value and transform"));
      }
    }
    int sources =
        (r.containsKey("from") ? 1 : 0)
            + (r.containsKey("template") ? 1 : 0)
            + (r.containsKey("value") ? 1 : 0);
    if (sources != 1) {
      errors.add(
          new FieldError(path, "one_of", "a rule needs exactly one of from, template, value"));
      return null;
    }
    String from = null;
    if (r.containsKey("from")) {
      if (!(r.getValue("from") instanceof String f) || !FIELDS.get(type).contains(f)) {
        errors.add(
            new FieldError(
                path + ".from",
                "enum",
                "from must be a "
                    + type.label()
                    + " field: "
                    + String.join(", ", FIELDS.get(type).stream().sorted().toList())));
        return null;
      }
      from = f;
    }
    String template = null;
    if (r.containsKey("template")) {
      if (!(r.getValue("template") instanceof String t) || t.isBlank()) {
        errors.add(
            new FieldError(path + ".template", "type", "template must be a non-empty string"));
        return null;
      }
      for (String f : Templates.fields(t)) {
        if (!FIELDS.get(type).contains(f)) {
          errors.add(
              new FieldError(
                  path + ".template", "unknown_field", "the template uses unknown field " + f));
        }
      }
      template = t;
    }
    List<String> transforms = strings(r.getValue("transform"), path + ".transform", errors);
    for (int i = 0; i < transforms.size(); i++) {
      String p = Transforms.problem(transforms.get(i));
      if (p != null) {
        errors.add(new FieldError(path + ".transform[" + i + "]", "transform", p));
      }
    }
    return new Rule(from, transforms, template, r.getValue("value"));
  }

  /**
   * Applies a tenant override (JSON merge patch) and validates the result.
   *
   * @param patch the override
   * @param errors where problems of the merged mapping go
   * @return the merged spec, or null when it is invalid
   */
  public MappingSpec merge(JsonObject patch, List<FieldError> errors) {
    return parse(mergePatch(json.copy(), patch), errors);
  }

  static JsonObject mergePatch(JsonObject target, JsonObject patch) {
    for (String k : patch.fieldNames()) {
      Object v = patch.getValue(k);
      if (v == null) {
        target.remove(k);
      } else if (v instanceof JsonObject p && target.getValue(k) instanceof JsonObject t) {
        target.put(k, "properties".equals(k) ? mergeRules(t, p) : mergePatch(t, p));
      } else {
        target.put(k, v instanceof JsonObject p ? mergePatch(new JsonObject(), p) : v);
      }
    }
    return target;
  }

  /**
   * Merges the rules of a section. A rule of the patch whose source is of another kind than the
   * default rule's ({@code value} or {@code template} over {@code from}, ...) replaces that rule
   * whole, transforms included: merged into it, it would have two sources and be invalid. This is
   * what keeps a stored override valid, and meaning what it meant, when a release adds a default
   * rule for a property the override already set (the company {@code phone} of 2026-12). A rule
   * with the same kind of source, or with transforms only, is merged as before (RFC 7396).
   */
  private static JsonObject mergeRules(JsonObject target, JsonObject patch) {
    for (String k : patch.fieldNames()) {
      if (patch.getValue(k) instanceof JsonObject p
          && target.getValue(k) instanceof JsonObject t
          && sourceKind(p) != null
          && sourceKind(t) != null
          && !sourceKind(p).equals(sourceKind(t))) {
        target.put(k, mergePatch(new JsonObject(), p));
      } else {
        mergePatch(target, new JsonObject().put(k, patch.getValue(k)));
      }
    }
    return target;
  }

  private static String sourceKind(JsonObject rule) {
    for (String kind : List.of("from", "template", "value")) {
      if (rule.getValue(kind) != null) {
        return kind;
      }
    }
    return null;
  }

  /**
   * The mapping of a record type (for Signals, of the chosen representation).
   *
   * @param type record type
   * @return the object mapping
   */
  public ObjectMapping object(RecordType type) {
    return objects.get(type);
  }

  /**
   * What a connection does with the CRM record when Queast deletes a record of this type: {@code
   * unlink} (default), {@code archive} or {@code clear}. Set per section, e.g. {@code {"company":
   * {"onDelete": "archive"}}}; for Signals on the {@code signal} section itself.
   *
   * @param type record type
   * @return the policy, one of {@link #DELETE_POLICIES}
   */
  public String onDelete(RecordType type) {
    String section =
        switch (type) {
          case COMPANY -> "company";
          case PERSON -> "person";
          case SIGNAL -> "signal";
        };
    JsonObject o = json.getJsonObject(section);
    String p = o == null ? null : o.getString("onDelete");
    return p == null ? DEFAULT_DELETE_POLICY : p;
  }

  /**
   * How Signals appear.
   *
   * @return e.g. {@code note}
   */
  public String signalAs() {
    return signalAs;
  }

  /**
   * Whether a record is exported at all.
   *
   * @param type record type
   * @param record fields
   * @return true when in scope
   */
  public boolean inScope(RecordType type, JsonObject record) {
    if (!scopeTypes.contains(type.label())) {
      return false;
    }
    if (scopeTags.isEmpty() || type != RecordType.COMPANY) {
      return true;
    }
    JsonArray tags = record.getJsonArray("tags");
    return tags != null && tags.stream().anyMatch(scopeTags::contains);
  }

  /**
   * The CRM objects and properties this mapping writes, for validation against the CRM's property
   * lists.
   *
   * @return object type → property names
   */
  public Map<String, Set<String>> targets() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    objects
        .values()
        .forEach(
            o ->
                out.computeIfAbsent(o.object(), k -> new java.util.LinkedHashSet<>())
                    .addAll(o.properties().keySet()));
    return out;
  }

  /**
   * JSON form.
   *
   * @return a copy
   */
  public JsonObject toJson() {
    return json.copy();
  }
}
