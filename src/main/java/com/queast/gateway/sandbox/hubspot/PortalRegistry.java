package com.queast.gateway.sandbox.hubspot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The portals of the sandbox and their private-app tokens. */
public final class PortalRegistry {

  private final HubSpotSandboxOptions options;
  private final CrmEvents events;
  private final Map<Long, Portal> portals = new ConcurrentSkipListMap<>();
  private final Map<String, Portal> byToken = new ConcurrentHashMap<>();
  private final AtomicLong ids =
      new AtomicLong(20_000_000L + new SecureRandom().nextInt(1000) * 1000L);

  /**
   * A registry.
   *
   * @param options options (clock, default tier, app scopes)
   * @param events where the portals' association changes go
   */
  public PortalRegistry(HubSpotSandboxOptions options, CrmEvents events) {
    this.options = options;
    this.events = events;
  }

  /**
   * Creates a portal with a private-app token.
   *
   * @param requestedId a wanted portal id, or null for the next one
   * @param scopes private-app scopes, or null for all the sandbox knows
   * @param tier private-app rate tier, or null for the default
   * @return the portal
   * @throws IllegalArgumentException when the id is taken
   */
  public synchronized Portal create(Long requestedId, Set<String> scopes, RateTier tier) {
    return create(requestedId, scopes, tier, false);
  }

  /**
   * Creates a portal with a private-app token and a hub tier.
   *
   * @param requestedId a wanted portal id, or null for the next one
   * @param scopes private-app scopes, or null for all the sandbox knows (the custom-object scopes
   *     only on Enterprise)
   * @param tier private-app rate tier, or null for the default
   * @param enterprise whether the portal has an Enterprise hub (custom objects)
   * @return the portal
   * @throws IllegalArgumentException when the id is taken
   */
  public synchronized Portal create(
      Long requestedId, Set<String> scopes, RateTier tier, boolean enterprise) {
    long id = requestedId != null ? requestedId : ids.incrementAndGet();
    if (portals.containsKey(id)) {
      throw new IllegalArgumentException("portal " + id + " already exists");
    }
    String token = "pat-na1-" + UUID.randomUUID();
    Portal p =
        new Portal(
            id,
            token,
            scopes != null ? scopes : allScopes(enterprise),
            tier != null ? tier : options.privateAppTier(),
            enterprise,
            options.clock().instant(),
            events);
    portals.put(id, p);
    byToken.put(token, p);
    return p;
  }

  private Set<String> allScopes(boolean enterprise) {
    Set<String> all = new java.util.TreeSet<>(options.appScopes());
    for (ObjectType t : ObjectType.builtIns()) {
      all.addAll(List.of(t.readScope(), t.writeScope(), t.schemaReadScope(), t.schemaWriteScope()));
    }
    if (enterprise) {
      all.addAll(CustomScopes.ALL);
    }
    return all;
  }

  /**
   * A portal by id.
   *
   * @param id portal id
   * @return the portal
   */
  public Optional<Portal> find(long id) {
    return Optional.ofNullable(portals.get(id));
  }

  /**
   * The portal owning a private-app token.
   *
   * @param token token
   * @return the portal
   */
  public Optional<Portal> byPrivateToken(String token) {
    return Optional.ofNullable(byToken.get(token));
  }

  /**
   * All portals, by id.
   *
   * @return portals
   */
  public List<Portal> all() {
    return new ArrayList<>(portals.values());
  }

  /**
   * The most recently created portal.
   *
   * @return the portal, if any
   */
  public Optional<Portal> latest() {
    List<Portal> all = all();
    return all.stream()
        .max(
            (a, b) ->
                a.createdAt().compareTo(b.createdAt()) != 0
                    ? a.createdAt().compareTo(b.createdAt())
                    : Long.compare(a.id(), b.id()));
  }
}
