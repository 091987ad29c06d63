package com.queast.gateway.connector.hubspot;

import com.queast.gateway.jobqueue.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helpers over the results of writes. */
final class Written {

  private static final Set<String> LANE_CODES =
      Set.of(
          "rate_limited", "rate_limited_daily", "locked", "migration_in_progress", "lane_halted");

  private Written() {}

  /** HubSpot ids of the records written, by Queast id. */
  static Map<String, String> ids(List<WriteItem.Written> written) {
    Map<String, String> out = new HashMap<>();
    for (WriteItem.Written w : written) {
      if (w.delivered() != null) {
        out.put(w.write().queastId(), w.crmId());
      }
    }
    return out;
  }

  /** Whether the portal told us to stop (429, lock): the rest of the batch waits. */
  static boolean halted(List<WriteItem.Written> written) {
    return written.stream()
        .anyMatch(
            w ->
                w.outcome() instanceof Outcome.Snooze s && LANE_CODES.contains(s.attempt().code()));
  }

  /** The records of a halted batch: they wait, attempts unused. */
  static List<WriteItem.Written> haltAll(List<WriteItem> items) {
    List<WriteItem.Written> out = new ArrayList<>();
    for (WriteItem w : items) {
      out.add(
          w.result(
              Outcomes.snooze(
                  "lane_halted",
                  "the portal asked to slow down; waiting for its window",
                  java.time.Duration.ofSeconds(10)),
              null));
    }
    return out;
  }

  /** Every list in one. */
  @SafeVarargs
  static List<WriteItem.Written> all(List<WriteItem.Written>... lists) {
    List<WriteItem.Written> out = new ArrayList<>();
    for (List<WriteItem.Written> l : lists) {
      out.addAll(l);
    }
    return out;
  }

  /** Replaces the completions of some records by an outcome (a failed association). */
  static List<WriteItem.Written> override(
      List<WriteItem.Written> written, Set<String> queastIds, Outcome outcome) {
    List<WriteItem.Written> out = new ArrayList<>();
    for (WriteItem.Written w : written) {
      out.add(
          queastIds.contains(w.write().queastId())
              ? new WriteItem.Written(w.write(), outcome, null, null)
              : w);
    }
    return out;
  }
}
