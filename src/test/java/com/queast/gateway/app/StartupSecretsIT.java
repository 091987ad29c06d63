package com.queast.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.queast.gateway.db.PgUrl;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Audit finding 7 (issue 12): no password in the start log; no vault key, no start. */
@ExtendWith(PostgresExtension.class)
class StartupSecretsIT {

  private static final String PASSWORD = "pg-pass-Zq81x";

  @Test
  void theDatabasePasswordNeverReachesTheLog(TestDatabase db) {
    PgUrl u = db.url();
    PgUrl withPassword = new PgUrl(u.host(), u.port(), u.database(), u.user(), PASSWORD);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(lc);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(lc);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    try {
      // Trust authentication ignores the password, so the gateway starts with it in its URL.
      GatewayConfig cfg = db.config(Map.of("GATEWAY_PG_URL", withPassword.url()));
      Gateway g = Gateway.start(cfg).await().atMost(Duration.ofSeconds(60));
      g.close().await().atMost(Duration.ofSeconds(30));
    } finally {
      root.detachAppender(appender);
      appender.stop();
    }
    String logged = out.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains("\"db\"");
    assertThat(logged).doesNotContain(PASSWORD);
  }

  @Test
  void withoutAVaultKeyTheGatewayRefusesToStartUnlessDevelopmentModeIsExplicit(TestDatabase db) {
    GatewayConfig noKey = db.config(Map.of("GATEWAY_VAULT_KEY", ""));
    assertThatThrownBy(() -> Gateway.start(noKey).await().atMost(Duration.ofSeconds(60)))
        .hasMessageContaining("GATEWAY_VAULT_KEY is required");
    GatewayConfig dev = db.config(Map.of("GATEWAY_VAULT_KEY", "", "GATEWAY_VAULT_DEV", "true"));
    Gateway g = Gateway.start(dev).await().atMost(Duration.ofSeconds(60));
    g.close().await().atMost(Duration.ofSeconds(30));
  }
}
