package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.ConnectorContext;
import com.queast.gateway.connector.ConnectorProvider;
import com.queast.gateway.connector.CrmConnector;

/** Service-loader entry of the HubSpot connector. */
public final class HubSpotProvider implements ConnectorProvider {

  @Override
  public CrmConnector create(ConnectorContext context) {
    return new HubSpotConnector(context);
  }
}
