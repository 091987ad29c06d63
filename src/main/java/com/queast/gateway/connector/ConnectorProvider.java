package com.queast.gateway.connector;

/**
 * Found through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/com.queast.gateway.connector.ConnectorProvider}), so a new CRM is one new
 * package and one service line, with no edits elsewhere.
 */
public interface ConnectorProvider {

  /**
   * Builds the connector for this gateway.
   *
   * @param context shared collaborators
   * @return the connector
   */
  CrmConnector create(ConnectorContext context);

  /**
   * Whether the connector takes part in this gateway. Built-in connectors always do; a plug-in may
   * stay out until its {@code connectors.<crm>} section is configured.
   *
   * @param context what the connector would get
   * @return true to create it
   */
  default boolean enabled(ConnectorContext context) {
    return true;
  }
}
