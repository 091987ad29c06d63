package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.ConnectorContext;
import com.queast.gateway.connector.ConnectorProvider;
import com.queast.gateway.connector.CrmConnector;

/** Service-loader entry of the Pipedrive connector. */
public final class PipedriveProvider implements ConnectorProvider {

  /** For the service loader. */
  public PipedriveProvider() {}

  @Override
  public CrmConnector create(ConnectorContext context) {
    return new PipedriveConnector(context);
  }
}
