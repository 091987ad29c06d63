package com.queast.gateway.sandbox.queast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BookmarkStoreTest {

  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void sameContentIsUnchangedNewerMarkUpdatesOlderMarkIsIgnored() {
    BookmarkStore s = new BookmarkStore();
    assertThat(s.upsert("t", "c", "hubspot", "1", T, null, T).outcome())
        .isEqualTo(BookmarkStore.Outcome.CREATED);
    assertThat(s.upsert("t", "c", "hubspot", "1", T, null, T).outcome())
        .isEqualTo(BookmarkStore.Outcome.UNCHANGED);
    assertThat(s.upsert("t", "c", "hubspot", "2", T.plusSeconds(1), null, T).outcome())
        .isEqualTo(BookmarkStore.Outcome.UPDATED);
    assertThat(s.upsert("t", "c", "hubspot", "3", T, null, T).outcome())
        .isEqualTo(BookmarkStore.Outcome.UNCHANGED);
    assertThat(s.get("t", "c").getString("crmRecordId")).isEqualTo("2");
    assertThat(s.list("other")).isEmpty();
    assertThat(s.upserts()).isEqualTo(4);
  }
}
