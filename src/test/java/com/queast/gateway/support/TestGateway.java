package com.queast.gateway.support;

import com.queast.gateway.app.Gateway;
import com.queast.gateway.app.GatewayBuilder;
import com.queast.gateway.app.GatewayConfig;
import com.queast.gateway.connector.ConnectorProvider;
import com.queast.gateway.connector.CrmConnector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts a whole gateway in-process on a test database, with the given connectors. */
public final class TestGateway implements AutoCloseable {

  private final Gateway gateway;
  private final Http http;

  private TestGateway(Gateway gateway) {
    this.gateway = gateway;
    this.http = new Http("http://127.0.0.1:" + gateway.httpPort(), TestDatabase.TOKEN);
  }

  /**
   * Starts a gateway.
   *
   * @param db test database
   * @param overrides {@code GATEWAY_*} overrides
   * @param connectors connectors to deploy (service-loader discovery is off)
   * @return the running gateway
   */
  public static TestGateway start(
      TestDatabase db, Map<String, String> overrides, CrmConnector... connectors) {
    return startWithAll(db, overrides, List.of(), connectors);
  }

  /**
   * Starts a gateway with both: connectors built from its own context and ready-made ones.
   *
   * @param db test database
   * @param overrides {@code GATEWAY_*} overrides
   * @param providers connector providers (service-loader discovery is off)
   * @param connectors ready-made connectors
   * @return the running gateway
   */
  public static TestGateway startWithAll(
      TestDatabase db,
      Map<String, String> overrides,
      List<ConnectorProvider> providers,
      CrmConnector... connectors) {
    GatewayConfig cfg = db.config(overrides);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayBuilder b =
        new GatewayBuilder(cfg, Gateway.newVertx(registry), registry, Clock.systemUTC())
            .ownsVertx(true)
            .discoverConnectors(false);
    for (ConnectorProvider p : providers) {
      b.provider(p);
    }
    for (CrmConnector c : connectors) {
      b.connector(c);
    }
    return new TestGateway(b.start().await().atMost(Duration.ofSeconds(60)));
  }

  /**
   * Starts a gateway whose connectors are built from its own context (real connectors in ITs).
   *
   * @param db test database
   * @param overrides {@code GATEWAY_*} overrides
   * @param providers connector providers (service-loader discovery is off)
   * @return the running gateway
   */
  public static TestGateway startWith(
      TestDatabase db, Map<String, String> overrides, ConnectorProvider... providers) {
    return startWithAll(db, overrides, List.of(providers));
  }

  /**
   * The gateway.
   *
   * @return gateway
   */
  public Gateway gateway() {
    return gateway;
  }

  /**
   * An HTTP client with the admin token.
   *
   * @return client
   */
  public Http http() {
    return http;
  }

  /**
   * An HTTP client without a token.
   *
   * @return client
   */
  public Http anonymous() {
    return new Http("http://127.0.0.1:" + gateway.httpPort(), null);
  }

  @Override
  public void close() {
    gateway.close().await().atMost(Duration.ofSeconds(30));
  }
}
