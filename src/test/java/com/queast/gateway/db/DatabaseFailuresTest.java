package com.queast.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

  private static PgException pg(String state) {
    return new PgException("message", "FATAL", state, null);
  }

  @Test
  void serverShutdownStartUpAndConnectionClassAreUnavailable() {
    assertThat(DatabaseFailures.unavailable(pg("57P03"))).isTrue();
    assertThat(DatabaseFailures.unavailable(pg("57P01"))).isTrue();
    assertThat(DatabaseFailures.unavailable(pg("08006"))).isTrue();
    assertThat(DatabaseFailures.unavailable(pg("53300"))).isTrue();
    assertThat(DatabaseFailures.unavailable(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(DatabaseFailures.unavailable(new SocketException("Connection reset"))).isTrue();
    assertThat(
            DatabaseFailures.unavailable(
                new VertxException("Connection is not active now, current status: CLOSED", true)))
        .isTrue();
    assertThat(DatabaseFailures.unavailable(new RuntimeException("wrapped", pg("57P03")))).isTrue();
  }

  @Test
  void constraintViolationsAndOtherFailuresAreNot() {
    assertThat(DatabaseFailures.unavailable(pg("23505"))).isFalse();
    assertThat(DatabaseFailures.unavailable(pg("40001"))).isFalse();
    assertThat(DatabaseFailures.unavailable(pg("42P01"))).isFalse();
    assertThat(DatabaseFailures.unavailable(new IllegalStateException("boom"))).isFalse();
    assertThat(DatabaseFailures.unavailable(null)).isFalse();
  }

  @Test
  void aRefusedConnectCountsOnlyForADatabaseAddress() {
    DatabaseFailures.watch("127.0.0.1", 54999);
    assertThat(
            DatabaseFailures.unavailable(
                new ConnectException("Connection refused: /127.0.0.1:54999")))
        .isTrue();
    assertThat(
            DatabaseFailures.unavailable(
                new ConnectException("Connection refused: api.hubapi.com/1.2.3.4:443")))
        .isFalse();
  }

  @Test
  void failuresLoggedAsTextAreRecognised() {
    assertThat(
            DatabaseFailures.unavailableText(
                "io.vertx.pgclient.PgException: FATAL: the database system is shutting down"
                    + " (57P03)"))
        .isTrue();
    assertThat(
            DatabaseFailures.unavailableText("io.vertx.core.VertxException: Connection is closed"))
        .isTrue();
    assertThat(
            DatabaseFailures.unavailableText(
                "io.vertx.pgclient.PgException: ERROR: duplicate key value (23505)"))
        .isFalse();
  }
}
