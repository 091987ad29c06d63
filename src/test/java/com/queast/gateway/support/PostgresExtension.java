package com.queast.gateway.support;

import com.queast.gateway.db.Migrations;
import com.queast.gateway.db.PgUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own fresh, migrated database on a real PostgreSQL: the server named by
 * {@code GATEWAY_TEST_PG_URL}, else the one on 127.0.0.1:5432, else a Testcontainers container when
 * Docker runs. With none of them the class fails with a message that says what to do: never a
 * silent skip.
 */
public final class PostgresExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static volatile PgUrl server;

  @Override
  public void beforeAll(ExtensionContext ctx) {
    PgUrl base = server();
    String name =
        ("gwt_"
                + ctx.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                + "_"
                + UUID.randomUUID().toString().substring(0, 8))
            .replaceAll("[^a-z0-9_]", "_");
    PgUrl db = base.withDatabase(name.length() > 60 ? name.substring(0, 60) : name);
    Migrations.ensureDatabase(db);
    Migrations.migrate(db, false);
    ctx.getStore(NS).put("db", new TestDatabase(db));
  }

  @Override
  public void afterAll(ExtensionContext ctx) {
    TestDatabase db = ctx.getStore(NS).remove("db", TestDatabase.class);
    if (db == null) {
      return;
    }
    PgUrl admin = db.url().withDatabase("postgres");
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + db.url().database() + "\" WITH (FORCE)");
    } catch (SQLException e) {
      // Leaving a test database behind is untidy, not wrong; the next run uses fresh names.
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    ExtensionContext c = e;
    while (c != null) {
      TestDatabase db = c.getStore(NS).get("db", TestDatabase.class);
      if (db != null) {
        return db;
      }
      c = c.getParent().orElse(null);
    }
    throw new IllegalStateException(
        "no test database: is the class annotated with @ExtendWith(PostgresExtension.class)?");
  }

  /**
   * The server every test class creates its database on, found once per JVM.
   *
   * @return the server's {@code postgres} database URL
   */
  public static synchronized PgUrl server() {
    if (server != null) {
      return server;
    }
    String env = System.getenv("GATEWAY_TEST_PG_URL");
    if (env != null && !env.isBlank()) {
      PgUrl u = PgUrl.parse(env.trim());
      String problem = probe(u);
      if (problem != null) {
        throw new IllegalStateException(
            "GATEWAY_TEST_PG_URL=" + u + " cannot be reached: " + problem);
      }
      server = u;
      return server;
    }
    PgUrl local = PgUrl.parse("postgresql://postgres@127.0.0.1:5432/postgres");
    String localProblem = probe(local);
    if (localProblem == null) {
      server = local;
      return server;
    }
    String dockerProblem = Containers.tryStart();
    if (Containers.url() != null) {
      server = Containers.url();
      return server;
    }
    throw new IllegalStateException(
        "Tests need a real PostgreSQL and none was found.\n"
            + "  - GATEWAY_TEST_PG_URL is not set;\n"
            + "  - 127.0.0.1:5432 answered: "
            + localProblem
            + ";\n"
            + "  - Testcontainers: "
            + dockerProblem
            + ".\n"
            + "Start one (e.g. `pg_ctlcluster 15 main start`, or `.ci/run` which does it), "
            + "or set GATEWAY_TEST_PG_URL=postgresql://user:pass@host:5432/postgres.");
  }

  private static String probe(PgUrl u) {
    try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password())) {
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }
}
