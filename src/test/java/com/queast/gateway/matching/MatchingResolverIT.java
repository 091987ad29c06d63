package com.queast.gateway.matching;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.record.QueastRecord;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.ScriptedConnector;
import com.queast.gateway.support.TestConnections;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Identity resolution in bulk (issue 11, item 1): the statements a batch costs do not grow with the
 * batch, counted by a pool that counts every query it is asked to run.
 */
@ExtendWith(PostgresExtension.class)
class MatchingResolverIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void statementsPerBatchDoNotGrowWithTheBatchSize(TestDatabase db) {
    try (TestGateway gw = TestGateway.start(db, Map.of(), new ScriptedConnector(100))) {
      UUID id =
          TestConnections.active(
              db, gw.gateway().services().connections(), "t1", ScriptedConnector.CRM, "acct");
      Connection c =
          new Connection(
              id,
              "t1",
              ScriptedConnector.CRM,
              "token",
              Connection.ACTIVE,
              null,
              "acct",
              null,
              null,
              new JsonObject(),
              Instant.now(),
              Instant.now());
      Vertx vertx = gw.gateway().vertx();
      Pool plain = db.pool(vertx);
      AtomicInteger statements = new AtomicInteger();
      Pool counting = counting(plain, statements);
      // A fixed clock: the index is loaded once, never refreshed in between.
      Clock clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
      ConnectionIndexes indexes =
          new ConnectionIndexes(vertx, counting, clock, Normalizers.defaults());
      MatchingResolver resolver = new MatchingResolver(counting, indexes, Normalizers.defaults());
      List<CrmRecord> crm = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        crm.add(CrmRecord.company("crm-" + i, "Known " + i, "known" + i + ".com", null, "FR"));
      }
      indexes.add(id, "pull", crm).await().atMost(WAIT);
      resolver.resolveAll(c, batch("warm", 1)).await().atMost(WAIT);

      int[] counts = new int[3];
      int k = 0;
      for (int size : new int[] {10, 100, 200}) {
        statements.set(0);
        List<IdentityResolver.Resolution> res =
            resolver.resolveAll(c, batch("b" + size, size)).await().atMost(WAIT);
        counts[k++] = statements.get();
        assertThat(res).hasSize(size);
        // Even records carry a known company's domain: auto-linked, the rest are created.
        assertThat(res.get(0).action()).isEqualTo(IdentityResolver.Action.LINK);
        assertThat(res.get(0).crmId()).isEqualTo("crm-0");
        assertThat(res.get(1).action()).isEqualTo(IdentityResolver.Action.CREATE);
      }
      // One read of the stored decisions, one write of the new ones, whatever the size.
      assertThat(counts).containsOnly(2);

      statements.set(0);
      List<IdentityResolver.Resolution> again =
          resolver.resolveAll(c, batch("b200", 200)).await().atMost(WAIT);
      assertThat(statements.get()).as("stored decisions are read in one statement").isEqualTo(1);
      assertThat(again.get(0).action()).isEqualTo(IdentityResolver.Action.LINK);
      assertThat(db.count("SELECT count(*) FROM matches WHERE state = 'auto_linked'"))
          .isEqualTo(1 + 5 + 50 + 100);

      for (int size : new int[] {10, 200}) {
        statements.set(0);
        List<IdentityResolver.Write> writes = new ArrayList<>();
        for (QueastRecord r : batch("w" + size, size)) {
          writes.add(new IdentityResolver.Write(r, "companies", "new-" + r.id(), new JsonObject()));
        }
        resolver.writtenAll(c, writes).await().atMost(WAIT);
        assertThat(statements.get()).as("index writes of %d records", size).isEqualTo(1);
      }
      plain.closeAndAwait();
    }
  }

  /**
   * Issue 15, item 3: a CRM record's phone and a person's CRM company are stored in {@code
   * crm_records}, read back by a fresh index, and decide with their evidence; a batch of persons
   * costs one statement more (the company links), whatever its size.
   */
  @Test
  void phoneAndCrmCompanyAreStoredInTheIndexAndUsedAsEvidence(TestDatabase db) {
    try (TestGateway gw = TestGateway.start(db, Map.of(), new ScriptedConnector(100))) {
      UUID id =
          TestConnections.active(
              db, gw.gateway().services().connections(), "t1", ScriptedConnector.CRM, "acct");
      Connection c =
          new Connection(
              id,
              "t1",
              ScriptedConnector.CRM,
              "token",
              Connection.ACTIVE,
              null,
              "acct",
              null,
              null,
              new JsonObject(),
              Instant.now(),
              Instant.now());
      Vertx vertx = gw.gateway().vertx();
      Pool plain = db.pool(vertx);
      Clock clock = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
      ConnectionIndexes writer = new ConnectionIndexes(vertx, plain, clock, Normalizers.defaults());
      writer
          .add(
              id,
              "pull",
              List.of(
                  CrmRecord.builder(RecordKind.COMPANY, "crm-t")
                      .name("Tessaro Logistics")
                      .phone("+49 30 12345678")
                      .country("Germany")
                      .build(),
                  CrmRecord.builder(RecordKind.PERSON, "crm-m")
                      .name("Mira Okafor")
                      .email("mira@elsewhere.example")
                      .companyCrmId("crm-co")
                      .build(),
                  CrmRecord.builder(RecordKind.PERSON, "crm-q")
                      .name("Quinn Adebayo")
                      .phone("+44 20 7946 0018")
                      .build()))
          .await()
          .atMost(WAIT);
      assertThat(
              db.string(
                  "SELECT phone FROM crm_records WHERE crm_id = 'crm-t' AND kind = 'company'"))
          .isEqualTo("+49 30 12345678");
      assertThat(db.string("SELECT company_crm_id FROM crm_records WHERE crm_id = 'crm-m'"))
          .isEqualTo("crm-co");
      // A pull that does not see the phone keeps it.
      writer
          .add(
              id,
              "pull",
              List.of(CrmRecord.company("crm-t", "Tessaro Logistics", null, null, null)))
          .await()
          .atMost(WAIT);
      assertThat(db.string("SELECT phone FROM crm_records WHERE crm_id = 'crm-t'"))
          .isEqualTo("+49 30 12345678");

      // Another instance: its index is loaded from the rows.
      AtomicInteger statements = new AtomicInteger();
      Pool counting = counting(plain, statements);
      ConnectionIndexes reader =
          new ConnectionIndexes(vertx, counting, clock, Normalizers.defaults());
      MatchingResolver resolver = new MatchingResolver(counting, reader, Normalizers.defaults());
      JsonObject company =
          new JsonObject()
              .put("name", "Tessaro Logistics GmbH")
              .put("phone", "030 1234 5678")
              .put("country", "DE");
      IdentityResolver.Resolution r =
          resolver
              .resolve(c, new QueastRecord("t1", "company", "co-1", company, "h", 1, Instant.now()))
              .await()
              .atMost(WAIT);
      assertThat(r.action()).isEqualTo(IdentityResolver.Action.LINK);
      assertThat(r.crmId()).isEqualTo("crm-t");
      assertThat(
              db.string(
                  "SELECT strategy || ' ' || (evidence->'evidence'->0->'agreed')::text || ' '"
                      + " || (evidence->'evidence'->0->>'detail') FROM matches"
                      + " WHERE record_id = 'co-1'"))
          .startsWith("phone [\"phone\", \"name\", \"country\"]")
          .contains("phone +493012345678 equal");

      // Our company co-2 was delivered to CRM company crm-co: its person is matched with that.
      db.exec(
          "INSERT INTO deliveries (connection_id, record_type, record_id, tenant_id, crm_object_type,"
              + " crm_id) VALUES ('"
              + id
              + "', 'company', 'co-2', 't1', 'companies', 'crm-co')");
      // Our company co-3 is in the United Kingdom: its person's national number is read there.
      db.exec(
          "INSERT INTO records (tenant_id, record_type, record_id, data, content_hash) VALUES"
              + " ('t1', 'company', 'co-3', '{\"name\": \"Vellum\", \"country\": \"United"
              + " Kingdom\"}', 'h')");
      List<QueastRecord> people = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonObject p =
            new JsonObject()
                .put("firstName", i == 0 ? "Mira" : "Someone")
                .put("lastName", i == 0 ? "Okafor" : "Else " + i)
                .put("companyId", i == 2 ? "co-unknown" : "co-2");
        people.add(new QueastRecord("t1", "person", "p-" + i, p, "h" + i, 1, Instant.now()));
      }
      people.add(
          new QueastRecord(
              "t1",
              "person",
              "p-3",
              new JsonObject()
                  .put("firstName", "Quinn")
                  .put("lastName", "Adebayo")
                  .put("phone", "020 7946 0018")
                  .put("companyId", "co-3"),
              "h3",
              1,
              Instant.now()));
      statements.set(0);
      List<IdentityResolver.Resolution> res = resolver.resolveAll(c, people).await().atMost(WAIT);
      assertThat(statements.get())
          .as("stored decisions, company links, new decisions")
          .isEqualTo(3);
      assertThat(res.get(0).action()).isEqualTo(IdentityResolver.Action.LINK);
      assertThat(res.get(0).crmId()).isEqualTo("crm-m");
      assertThat(
              db.string(
                  "SELECT (evidence->'evidence'->0->'agreed')::text FROM matches"
                      + " WHERE record_id = 'p-0'"))
          .contains("crm_company");
      assertThat(res.get(1).action()).isEqualTo(IdentityResolver.Action.CREATE);
      assertThat(res.get(2).action()).isEqualTo(IdentityResolver.Action.CREATE);
      assertThat(res.get(3).action()).isEqualTo(IdentityResolver.Action.LINK);
      assertThat(res.get(3).crmId()).isEqualTo("crm-q");
      assertThat(db.string("SELECT strategy FROM matches WHERE record_id = 'p-3'"))
          .isEqualTo("phone");
      plain.closeAndAwait();
    }
  }

  /** Companies whose even members carry the domain of a known CRM company. */
  private static List<QueastRecord> batch(String prefix, int n) {
    List<QueastRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonObject d =
          new JsonObject()
              .put("name", i % 2 == 0 ? "Known " + i : "Unknown Thing " + prefix + i)
              .put("domain", i % 2 == 0 ? "known" + i + ".com" : prefix + "-" + i + ".org")
              .put("country", "FR");
      out.add(new QueastRecord("t1", "company", prefix + "-" + i, d, "h" + i, 1, Instant.now()));
    }
    return out;
  }

  /** The same pool, counting every query and prepared query it is asked for. */
  private static Pool counting(Pool pool, AtomicInteger n) {
    io.vertx.sqlclient.Pool core = pool.getDelegate();
    io.vertx.sqlclient.Pool proxy =
        (io.vertx.sqlclient.Pool)
            Proxy.newProxyInstance(
                MatchingResolverIT.class.getClassLoader(),
                new Class<?>[] {io.vertx.sqlclient.Pool.class},
                (p, m, args) -> {
                  if (m.getName().equals("preparedQuery") || m.getName().equals("query")) {
                    n.incrementAndGet();
                  }
                  try {
                    return m.invoke(core, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return Pool.newInstance(proxy);
  }
}
