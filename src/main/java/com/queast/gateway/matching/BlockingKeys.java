package com.queast.gateway.matching;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Blocking keys for fuzzy-name candidate generation: a record is only compared with records that
 * share at least one key, so matching never goes all-pairs. Keys: every token ({@code t:}), the
 * first four letters of tokens of four letters or more ({@code p:}, catches truncations and late
 * typos), the sorted-token key ({@code s:}, word order), the first six letters of the compact form
 * ({@code c:}, spacing such as {@code wal mart}) and the acronym ({@code a:}; a one-token name is
 * also its own acronym key, so {@code IBM} meets {@code International Business Machines}).
 */
final class BlockingKeys {

  /** Prefix of token keys; their posting sizes double as document frequencies. */
  static final String TOKEN = "t:";

  private BlockingKeys() {}

  static Set<String> of(RecordKind kind, NormalizedName name) {
    Set<String> keys = new LinkedHashSet<>();
    if (name.isEmpty()) {
      return keys;
    }
    String k = kind == RecordKind.COMPANY ? "C" : "P";
    for (String t : name.tokens()) {
      keys.add(k + TOKEN + t);
      if (t.length() >= 4) {
        keys.add(k + "p:" + t.substring(0, 4));
      }
    }
    keys.add(k + "s:" + name.sortedKey());
    String compact = name.compact();
    keys.add(k + "c:" + compact.substring(0, Math.min(6, compact.length())));
    if (name.tokens().size() >= 2) {
      keys.add(k + "a:" + name.acronym());
    } else if (name.tokens().get(0).length() <= 6) {
      keys.add(k + "a:" + name.tokens().get(0));
    }
    return keys;
  }

  static String token(RecordKind kind, String token) {
    return (kind == RecordKind.COMPANY ? "C" : "P") + TOKEN + token;
  }
}
