package com.queast.gateway.sandbox.hubspot;

import java.util.Set;

/** The custom-object scopes (Enterprise only; optional scopes are dropped on other portals). */
final class CustomScopes {

  static final String SCHEMAS_READ = "crm.schemas.custom.read";
  static final String SCHEMAS_WRITE = "crm.schemas.custom.write";
  static final String OBJECTS_READ = "crm.objects.custom.read";
  static final String OBJECTS_WRITE = "crm.objects.custom.write";
  static final Set<String> ALL = Set.of(SCHEMAS_READ, SCHEMAS_WRITE, OBJECTS_READ, OBJECTS_WRITE);

  private CustomScopes() {}
}
