package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores labelled pairs the way delivery would: the CRM sides of the file form the index (so token
 * weights come from the CRM corpus, as in production), and each pair is decided by {@link
 * IdentityMatcher#decidePair} on its own.
 */
public final class PairEvaluation {

  /**
   * One scored pair.
   *
   * @param pair the labelled pair
   * @param decision the matcher's decision at the evaluation thresholds
   */
  public record Scored(LabelledPair pair, MatchDecision decision) {}

  private PairEvaluation() {}

  /**
   * Scores every pair.
   *
   * @param pairs labelled pairs
   * @param thresholds thresholds to decide with
   * @param normalizers normalisers
   * @return the scored pairs in input order
   */
  public static List<Scored> score(
      List<LabelledPair> pairs, MatchThresholds thresholds, Normalizers normalizers) {
    CrmIndex index = new CrmIndex(normalizers);
    for (LabelledPair p : pairs) {
      index.put(p.crm());
    }
    IdentityMatcher matcher = new IdentityMatcher(index, thresholds, normalizers);
    List<Scored> out = new ArrayList<>(pairs.size());
    for (LabelledPair p : pairs) {
      out.add(new Scored(p, matcher.decidePair(p.queast(), p.crm())));
    }
    return out;
  }

  /**
   * The learning replay of issue 15: the pairs are decided in an order drawn with a seed; for the
   * first half, what an operator would see (a review, or a wrong auto-link) is decided by the label
   * through the same {@link RuleLearner} the review queue uses (label 1 confirms, 0 rejects; the
   * latest decision on a pair of names wins, as in the database). The second half is then decided
   * twice: without rules (before) and with what the first half taught (after). Nothing is learned
   * from the second half.
   *
   * @param ordered labelled pairs
   * @param thresholds thresholds
   * @param normalizers normalisers
   * @param seed the order in which the pairs arrive (a seeded shuffle)
   * @return the second half scored before and after, and what was fed and learned
   */
  public static Replay replay(
      List<LabelledPair> ordered, MatchThresholds thresholds, Normalizers normalizers, long seed) {
    // The converted files list their positives first: a seeded shuffle gives the arrival order.
    List<LabelledPair> pairs = new ArrayList<>(ordered);
    java.util.Collections.shuffle(pairs, new java.util.Random(seed));
    CrmIndex index = new CrmIndex(normalizers);
    for (LabelledPair p : pairs) {
      index.put(p.crm());
    }
    int half = pairs.size() / 2;
    java.util.Map<String, LearnedRule> learned = new java.util.LinkedHashMap<>();
    LearnedRules rules = LearnedRules.EMPTY;
    int fed = 0;
    for (LabelledPair p : pairs.subList(0, half)) {
      IdentityMatcher matcher = new IdentityMatcher(index, thresholds, normalizers, rules);
      MatchDecision d = matcher.decidePair(p.queast(), p.crm());
      boolean seen =
          d.outcome() == MatchOutcome.NEEDS_REVIEW
              || (d.outcome() == MatchOutcome.AUTO_LINK && !p.same());
      if (!seen) {
        continue;
      }
      fed++;
      List<LearnedRule> taught =
          RuleLearner.learn(
              p.same() ? "confirm" : "reject",
              new RuleLearner.Side(p.queast().name(), p.queast().domain()),
              new RuleLearner.Side(p.crm().name(), p.crm().domain()),
              null,
              normalizers);
      for (LearnedRule r : taught) {
        String a = RuleLearner.key(r.kind(), r.left(), normalizers);
        String b = RuleLearner.key(r.kind(), r.right(), normalizers);
        String group = LearnedRule.DOMAIN_ALIAS.equals(r.kind()) ? "domain" : "name";
        String key = group + "\u0000" + LearnedRules.pair(a, b);
        learned.remove(key);
        learned.put(key, r.withId(learned.size() + 1L));
      }
      if (!taught.isEmpty()) {
        rules = LearnedRules.of(List.copyOf(learned.values()), normalizers);
      }
    }
    IdentityMatcher before = new IdentityMatcher(index, thresholds, normalizers);
    IdentityMatcher after = new IdentityMatcher(index, thresholds, normalizers, rules);
    List<Scored> b = new ArrayList<>();
    List<Scored> a = new ArrayList<>();
    for (LabelledPair p : pairs.subList(half, pairs.size())) {
      b.add(new Scored(p, before.decidePair(p.queast(), p.crm())));
      a.add(new Scored(p, after.decidePair(p.queast(), p.crm())));
    }
    return new Replay(b, a, fed, rules.size());
  }

  /**
   * The second half of a replay.
   *
   * @param before decided without rules
   * @param after decided with the rules the first half taught
   * @param decisionsFed operator decisions fed back from the first half
   * @param rules rules in effect after the first half
   */
  public record Replay(List<Scored> before, List<Scored> after, int decisionsFed, int rules) {}

  /**
   * Share of true pairs whose CRM record is among the candidates the index proposes for the Queast
   * record (any strategy), when the index holds every distinct CRM side of the file once: the
   * recall ceiling that blocking imposes on {@link IdentityMatcher#match}.
   *
   * @param pairs labelled pairs
   * @param normalizers normalisers
   * @return 0..1 (1 when there are no true pairs)
   */
  public static double candidateRecall(List<LabelledPair> pairs, Normalizers normalizers) {
    CrmIndex index = new CrmIndex(normalizers);
    Map<CrmRecord, String> ids = new HashMap<>();
    for (LabelledPair p : pairs) {
      CrmRecord content = contentOf(p.crm());
      if (!ids.containsKey(content)) {
        String id = "crm-" + ids.size();
        ids.put(content, id);
        index.put(withId(p.crm(), id));
      }
    }
    List<MatchStrategy> strategies = IdentityMatcher.defaultStrategies(normalizers);
    int positives = 0;
    int found = 0;
    for (LabelledPair p : pairs) {
      if (!p.same()) {
        continue;
      }
      positives++;
      Profile subject = Profile.of(p.queast(), normalizers);
      boolean hit = false;
      for (MatchStrategy s : strategies) {
        for (IndexedRecord r : s.candidates(subject, index)) {
          hit |= r.record().crmId().equals(ids.get(contentOf(p.crm())));
        }
      }
      found += hit ? 1 : 0;
    }
    return positives == 0 ? 1.0 : (double) found / positives;
  }

  private static CrmRecord contentOf(CrmRecord r) {
    return withId(r, "");
  }

  private static CrmRecord withId(CrmRecord r, String id) {
    return new CrmRecord(
        r.kind(),
        id,
        r.queastId(),
        r.name(),
        r.domain(),
        r.linkedin(),
        r.email(),
        r.country(),
        r.city(),
        r.postcode(),
        r.address(),
        r.phone(),
        r.companyCrmId());
  }

  /**
   * Counts for one strategy judged on its own evidence: predicted positive when that strategy's own
   * score reaches {@code cutoff}.
   *
   * @param scored scored pairs
   * @param strategy strategy name
   * @param cutoff the cut-off
   * @return the confusion counts
   */
  public static Confusion ownEvidence(List<Scored> scored, String strategy, double cutoff) {
    Confusion c = new Confusion();
    for (Scored s : scored) {
      double own =
          s.decision().evidence().stream()
              .filter(e -> e.strategy().equals(strategy))
              .mapToDouble(Evidence::score)
              .max()
              .orElse(0.0);
      c.add(own >= cutoff, s.pair().same());
    }
    return c;
  }

  /**
   * Auto-link counts: a pair is predicted positive when its decision is {@link
   * MatchOutcome#AUTO_LINK}.
   *
   * @param scored scored pairs
   * @return the confusion counts
   */
  public static Confusion autoLink(List<Scored> scored) {
    Confusion c = new Confusion();
    for (Scored s : scored) {
      c.add(s.decision().outcome() == MatchOutcome.AUTO_LINK, s.pair().same());
    }
    return c;
  }

  /**
   * Auto-link-or-review counts: predicted positive unless the decision is {@link
   * MatchOutcome#CREATE}.
   *
   * @param scored scored pairs
   * @return the confusion counts
   */
  public static Confusion autoOrReview(List<Scored> scored) {
    Confusion c = new Confusion();
    for (Scored s : scored) {
      c.add(s.decision().outcome() != MatchOutcome.CREATE, s.pair().same());
    }
    return c;
  }

  /**
   * Counts for "score at or above a cut-off".
   *
   * @param scored scored pairs
   * @param cutoff the cut-off
   * @return the confusion counts
   */
  public static Confusion atCutoff(List<Scored> scored, double cutoff) {
    Confusion c = new Confusion();
    for (Scored s : scored) {
      c.add(s.decision().score() >= cutoff, s.pair().same());
    }
    return c;
  }
}
