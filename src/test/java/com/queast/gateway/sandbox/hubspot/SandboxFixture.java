package com.queast.gateway.sandbox.hubspot;

import com.queast.gateway.support.MutableClock;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;

/** Starts an in-process sandbox on a random port with a controllable clock. */
final class SandboxFixture implements AutoCloseable {

  /** A clock tests move by hand. */
  final Vertx vertx = Vertx.vertx();

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00.123Z"));
  final HubSpotSandbox sandbox;
  final TestHttp http;

  SandboxFixture(java.util.function.UnaryOperator<HubSpotSandboxOptions.Builder> customize) {
    HubSpotSandboxOptions.Builder b = HubSpotSandboxOptions.builder().port(0).clock(clock);
    sandbox = HubSpotSandbox.start(vertx, customize.apply(b).build()).await().indefinitely();
    http = new TestHttp(sandbox.baseUrl());
  }

  SandboxFixture() {
    this(b -> b);
  }

  /** Creates a portal through the admin API and returns a client with its private-app token. */
  TestHttp portalClient() {
    TestHttp.Res r = http.post("/_sandbox/portals", new io.vertx.core.json.JsonObject());
    return http.withToken(r.json().getString("privateAppToken"));
  }

  long lastPortalId() {
    return sandbox.portals().get(sandbox.portals().size() - 1).id();
  }

  @Override
  public void close() {
    sandbox.close().await().atMost(Duration.ofSeconds(5));
    vertx.close().await().atMost(Duration.ofSeconds(5));
  }
}
