package com.queast.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.sandbox.hubspot.ObjectType;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's story end to end on its embedded PostgreSQL (a smaller portfolio): both CRMs connected
 * by consent, every record delivered, the review queue worked, one bookmark in Queast, and a
 * summary that is what the sandboxes hold. Closing removes the database's directory.
 */
class DemoIT {

  @Test
  void theDemoDeliversThePortfolioToBothCrmsAndItsSummaryIsWhatTheSandboxesHold() throws Exception {
    ByteArrayOutputStream story = new ByteArrayOutputStream();
    DemoOptions options = new DemoOptions(0, 150, 1, 1, 5, 3, 240, false);
    Path dir;
    JsonObject summary;
    JsonObject hubspotNow;
    JsonObject pipedriveNow;
    long bookmarksNow;
    try (DemoScenario demo =
        new DemoScenario(options, new PrintStream(story, true, StandardCharsets.UTF_8))) {
      demo.start(Map.of()); // no GATEWAY_PG_URL: the embedded database
      summary = demo.run();
      dir =
          Path.of(
              story
                  .toString(StandardCharsets.UTF_8)
                  .lines()
                  .filter(l -> l.startsWith("  PostgreSQL listening on"))
                  .findFirst()
                  .orElseThrow()
                  .replaceAll(".*\\((.*)\\)$", "$1"));
      assertThat(dir).exists();
      long portal = demo.portalId();
      hubspotNow =
          new JsonObject()
              .put("companies", demo.hubspotSandbox().count(portal, ObjectType.COMPANIES))
              .put("people", demo.hubspotSandbox().count(portal, ObjectType.CONTACTS))
              .put("signals", demo.hubspotSandbox().count(portal, ObjectType.NOTES));
      JsonObject pd =
          demo.pipedriveSandbox().companySummary(demo.pipedriveCompanyId()).getJsonObject("counts");
      pipedriveNow =
          new JsonObject()
              .put("companies", pd.getLong("organizations"))
              .put("people", pd.getLong("persons"))
              .put("signals", pd.getLong("notes") + pd.getLong("activities"));
      bookmarksNow = demo.queastSandbox().bookmarks(DemoScenario.TENANT).size();
    }
    String out = story.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("Console: http://127.0.0.1:").contains("token: demo-");
    assertThat(summary.getJsonObject("hubspot")).isEqualTo(hubspotNow);
    assertThat(summary.getJsonObject("pipedrive")).isEqualTo(pipedriveNow);
    assertThat(summary.getLong("bookmarks")).isEqualTo(bookmarksNow).isEqualTo(1L);
    for (String crm : new String[] {"hubspot", "pipedrive"}) {
      JsonObject c = summary.getJsonObject(crm);
      assertThat(c.getLong("people")).as(crm).isEqualTo(150L);
      assertThat(c.getLong("signals")).as(crm).isEqualTo(150L);
      // 8 seeded + 150 portfolio, minus the 5 linked by website and those confirmed by review
      assertThat(c.getLong("companies")).as(crm).isBetween(140L, 153L);
    }
    assertThat(summary.getInteger("reviews")).isGreaterThanOrEqualTo(2 * 3);
    assertThat(summary.getLong("seconds")).isPositive();
    assertThat(Files.exists(dir)).as("embedded database directory removed").isFalse();
  }
}
