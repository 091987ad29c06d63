package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;

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
