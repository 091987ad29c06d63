package com.queast.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  @Test
  void namedStatementsLoadWithoutTheirComments() {
    SqlStatements s = SqlStatements.load("/sql/jobs.sql");
    assertThat(s.all())
        .containsKeys("enqueue", "claim-lane", "claim-jobs", "rescue", "replay-dead");
    assertThat(s.get("claim-jobs")).contains("FOR UPDATE OF j SKIP LOCKED").doesNotContain("-- ");
    assertThat(s.get("notify")).doesNotEndWith(";");
    assertThatThrownBy(() -> s.get("nope")).hasMessageContaining("nope");
    assertThatThrownBy(() -> SqlStatements.load("/sql/missing.sql"))
        .hasMessageContaining("missing");
  }

  @Test
  void postgresUrlsParseAndConvert() {
    PgUrl u = PgUrl.parse("postgresql://app:s%40cret@db.local:6543/gw");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/gw");
    assertThat(u.password()).isEqualTo("s@cret");
    assertThat(u.toString()).doesNotContain("cret");
    assertThat(PgUrl.parse("postgres://127.0.0.1/x").port()).isEqualTo(5432);
    assertThatThrownBy(() -> PgUrl.parse("mysql://x/y")).hasMessageContaining("pg.url");
    assertThatThrownBy(() -> PgUrl.parse("postgresql://host")).hasMessageContaining("database");
  }
}
