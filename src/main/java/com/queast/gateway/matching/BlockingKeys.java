package com.queast.gateway.matching;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Blocking keys for fuzzy-name candidate generation: a record is only compared with records that
 * share at least one key, so matching never goes all-pairs. Keys: every token ({@code t:}), the
 * first four letters of tokens of four letters or more ({@code p:}, catches truncations and late
 * typos), the sorted-token key ({@code s:}, word order), the first six letters of the compact form
 * ({@code c:}, spacing such as {@code wal mart}) and the acronym ({@code a:}; a one-token name is
 * also its own acronym key, so {@code IBM} meets {@code International Business Machines};
 * camel-case and mixed-case initialisms too). Names in another script are also indexed under their
 * Latin form's keys and, with Latin names, under consonant skeletons so that romanisation variants
 * meet ({@link #forIndex}, {@link #forQuery}).
 */
final class BlockingKeys {

  /** Prefix of token keys; their posting sizes double as document frequencies. */
  static final String TOKEN = "t:";

  /** Skeleton keys of names in Latin script. */
  static final String LATIN = "kl:";

  /** Skeleton keys of names transliterated from another script. */
  static final String CROSS = "kx:";

  private BlockingKeys() {}

  /**
   * Keys a record is indexed under: the keys of its name and, for a name in another script, of its
   * Latin form; plus, for companies, consonant-skeleton keys of its (Latin) tokens, kept apart for
   * names in Latin script ({@code kl:}) and names transliterated from another script ({@code kx:}).
   */
  static Set<String> forIndex(RecordKind kind, NormalizedName name) {
    Set<String> keys = of(kind, name);
    if (name.isEmpty()) {
      return keys;
    }
    String k = kind == RecordKind.COMPANY ? "C" : "P";
    if (name.latin() != null) {
      keys.addAll(of(kind, name.latin()));
    }
    if (kind == RecordKind.COMPANY) {
      skeletons(keys, k + (name.latin() != null ? CROSS : LATIN), name.latinOrSelf());
    }
    return keys;
  }

  /**
   * Keys looked up for a subject: its name's keys; a name in Latin script also looks for records
   * transliterated from another script by skeleton ({@code kx:}); a name in another script looks up
   * its Latin form's keys and both skeleton namespaces. A Latin subject thus never meets other
   * Latin records through the looser skeleton keys.
   */
  static Set<String> forQuery(RecordKind kind, NormalizedName name) {
    Set<String> keys = of(kind, name);
    if (name.isEmpty()) {
      return keys;
    }
    String k = kind == RecordKind.COMPANY ? "C" : "P";
    if (name.latin() != null) {
      keys.addAll(of(kind, name.latin()));
    }
    if (kind == RecordKind.COMPANY) {
      if (name.latin() != null) {
        skeletons(keys, k + LATIN, name.latin());
      }
      skeletons(keys, k + CROSS, name.latinOrSelf());
    }
    return keys;
  }

  private static void skeletons(Set<String> keys, String prefix, NormalizedName name) {
    for (String t : name.tokens()) {
      String s = NameSimilarity.skeleton(t);
      if (s.length() >= 2) {
        keys.add(prefix + s);
      }
    }
  }

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
        // Kuehne is found from Kühne (folded kuhne) and back: both are also keyed as kuhne.
        String folded = NameSimilarity.digraphFold(t);
        if (!folded.equals(t) && folded.length() >= 4) {
          keys.add(k + TOKEN + folded);
          keys.add(k + "p:" + folded.substring(0, 4));
        }
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
    for (String form : name.initialisms()) {
      keys.add(k + "a:" + form);
    }
    for (String form : name.abbreviationForms()) {
      if (form.length() <= 6) {
        keys.add(k + "a:" + form);
      }
    }
    return keys;
  }

  static String token(RecordKind kind, String token) {
    return (kind == RecordKind.COMPANY ? "C" : "P") + TOKEN + token;
  }
}
