package com.queast.gateway.connector.acme;

import com.queast.gateway.connector.ConnectorContext;
import com.queast.gateway.connector.ConnectorProvider;
import com.queast.gateway.connector.CrmConnector;

/**
 * Registers the test-only CRM through the service loader ({@code
 * src/test/resources/META-INF/services}); it takes part only where {@code connectors.acme} is
 * configured, so the suite's other gateways do not see it.
 */
public final class AcmeProvider implements ConnectorProvider {

  @Override
  public boolean enabled(ConnectorContext context) {
    return context.options().containsKey(AcmeConnector.CRM);
  }

  @Override
  public CrmConnector create(ConnectorContext context) {
    return new AcmeConnector(context.vertx(), AcmeOptions.from(context.options(AcmeConnector.CRM)));
  }
}
