package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The three identifier strategies, which are proof rather than similarity and score 1: the stored
 * link, the CRM's {@code queast_id} property, and a CRM id that Queast supplied. Conflicting fields
 * are still listed so a reviewer sees them.
 */
public final class IdentifierStrategy implements MatchStrategy {

  private final String name;
  private final Function<Profile, String> subjectValue;
  private final Function<Profile, String> candidateValue;
  private final boolean byCrmId;

  private IdentifierStrategy(
      String name,
      Function<Profile, String> subjectValue,
      Function<Profile, String> candidateValue,
      boolean byCrmId) {
    this.name = name;
    this.subjectValue = subjectValue;
    this.candidateValue = candidateValue;
    this.byCrmId = byCrmId;
  }

  /**
   * The link already stored for this record and connection.
   *
   * @return strategy {@code stored_link}
   */
  public static IdentifierStrategy storedLink() {
    return new IdentifierStrategy("stored_link", Profile::storedCrmId, Profile::crmId, true);
  }

  /**
   * The CRM record whose {@code queast_id} property holds this record's Queast id.
   *
   * @return strategy {@code queast_id}
   */
  public static IdentifierStrategy queastId() {
    return new IdentifierStrategy("queast_id", Profile::queastId, Profile::queastId, false);
  }

  /**
   * A CRM id that Queast supplied with the record.
   *
   * @return strategy {@code crm_id}
   */
  public static IdentifierStrategy suppliedCrmId() {
    return new IdentifierStrategy("crm_id", Profile::suppliedCrmId, Profile::crmId, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<IndexedRecord> candidates(Profile subject, CrmIndex index) {
    String value = subjectValue.apply(subject);
    if (value == null) {
      return List.of();
    }
    if (byCrmId) {
      IndexedRecord r = index.byCrmId(subject.kind(), value);
      return r == null ? List.of() : List.of(r);
    }
    return index.byQueastId(subject.kind(), value);
  }

  @Override
  public Optional<Evidence> evaluate(Profile subject, Profile candidate, TokenWeights weights) {
    String value = subjectValue.apply(subject);
    if (value == null || !value.equals(candidateValue.apply(candidate))) {
      return Optional.empty();
    }
    Corroboration corr = Corroboration.compare(subject, candidate, List.of());
    List<String> agreed = new ArrayList<>();
    agreed.add(name);
    agreed.addAll(corr.agreed());
    return Optional.of(
        new Evidence(
            name, candidate.crmId(), 1.0, agreed, corr.disagreed(), name + " " + value + " equal"));
  }
}
