package com.queast.gateway.sandbox.pipedrive;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All companies of the sandbox, by id and by API token. Thread-safe. */
final class Registry {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<Long, Company> byId = new ConcurrentHashMap<>();
  private final Map<String, Company> byToken = new ConcurrentHashMap<>();
  private final AtomicLong nextCompanyId = new AtomicLong(13_000_001);
  private final AtomicLong nextUserId = new AtomicLong(21_000_001);
  private final PipedriveSandboxOptions options;
  private final Clock clock;
  private volatile Company latest;

  Registry(PipedriveSandboxOptions options) {
    this.options = options;
    this.clock = options.clock();
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  Company create(String name, Plan plan, Integer seats) {
    long id = nextCompanyId.getAndIncrement();
    Budget budget =
        new Budget(
            plan == null ? options.plan() : plan,
            seats == null ? options.seats() : seats,
            options.budgetZone(),
            clock.instant());
    Company c =
        new Company(
            id,
            nextUserId.getAndIncrement(),
            randomHex(20),
            name == null ? "Sandbox Company " + id : name,
            budget);
    byId.put(id, c);
    byToken.put(c.apiToken, c);
    latest = c;
    return c;
  }

  Company byId(long id) {
    return byId.get(id);
  }

  /**
   * Replaces a company's API token, as regenerating it in Pipedrive does: the old one is refused
   * (401) from now on ("You can only have one active API token at any time", vendor notes §2.1).
   */
  synchronized String rotateApiToken(Company c) {
    byToken.remove(c.apiToken);
    c.apiToken = randomHex(20);
    byToken.put(c.apiToken, c);
    return c.apiToken;
  }

  Company byApiToken(String token) {
    return byToken.get(token);
  }

  /** The most recently created company: whose user "is logged in" on the consent page. */
  Company latest() {
    return latest;
  }

  List<Company> all() {
    List<Company> out = new ArrayList<>(byId.values());
    out.sort((a, b) -> Long.compare(a.id, b.id));
    return out;
  }
}
