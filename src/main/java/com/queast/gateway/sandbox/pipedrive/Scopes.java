package com.queast.gateway.sandbox.pipedrive;

import java.util.Map;
import java.util.Set;

/**
 * OAuth scopes that allow each endpoint (any one suffices), from the {@code security} entries of
 * the vendor's specs (vendor notes §1.1, §1.8, §5.1). API tokens carry every scope. An OAuth token
 * without a matching scope gets 403 "Scope and URL mismatch".
 */
final class Scopes {

  private static final Set<String> CONTACTS_READ = Set.of("contacts:read", "contacts:full");
  private static final Set<String> CONTACTS_FULL = Set.of("contacts:full");
  private static final Set<String> SEARCH = Set.of("contacts:read", "contacts:full", "search:read");
  private static final Set<String> FIELDS_READ =
      Set.of("contacts:read", "contacts:full", "admin", "contact-fields:full");
  private static final Set<String> FIELDS_WRITE = Set.of("admin", "contact-fields:full");
  private static final Set<String> NOTES_READ =
      Set.of("deals:read", "deals:full", "contacts:read", "contacts:full");
  private static final Set<String> NOTES_WRITE = Set.of("deals:full", "contacts:full");

  private static final Map<String, Set<String>> BY_RESOURCE =
      Map.ofEntries(
          Map.entry("GET organizations", CONTACTS_READ),
          Map.entry("GET persons", CONTACTS_READ),
          Map.entry("WRITE organizations", CONTACTS_FULL),
          Map.entry("WRITE persons", CONTACTS_FULL),
          Map.entry("GET search", SEARCH),
          Map.entry("GET organizationFields", FIELDS_READ),
          Map.entry("GET personFields", FIELDS_READ),
          Map.entry("WRITE organizationFields", FIELDS_WRITE),
          Map.entry("WRITE personFields", FIELDS_WRITE),
          Map.entry("GET activities", Set.of("activities:read", "activities:full")),
          Map.entry("GET activityFields", Set.of("activities:read", "activities:full")),
          Map.entry("GET noteFields", NOTES_READ),
          Map.entry("WRITE activities", Set.of("activities:full")),
          Map.entry("GET notes", NOTES_READ),
          Map.entry("WRITE notes", NOTES_WRITE),
          Map.entry("GET webhooks", Set.of("admin")),
          Map.entry("WRITE webhooks", Set.of("admin")),
          Map.entry("GET users", Set.of("base")),
          Map.entry("WRITE users", Set.of("base")));

  private Scopes() {}

  /** Scopes of which one must be granted for {@code method} on {@code template}. */
  static Set<String> required(String method, String template) {
    String[] parts = template.split("/");
    String resource = template.endsWith("/search") ? "search" : parts[3];
    String verb = method.equals("GET") ? "GET" : "WRITE";
    Set<String> s = BY_RESOURCE.get(verb + " " + resource);
    if (s == null) {
      throw new IllegalArgumentException("no scopes for " + method + " " + template);
    }
    return s;
  }

  static boolean allows(Set<String> granted, Set<String> required) {
    return granted == null || required.stream().anyMatch(granted::contains);
  }
}
