package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A company whose domain is the email domain of a CRM company's people (issue 15, item 3): CRMs
 * often hold a company without a website whose contacts write from {@code @acme.com}. The index
 * counts, per CRM company, the company email domains of the people associated with it (free-mail
 * and other shared domains never count), and a domain whose people sit at more than {@value
 * CrmIndex#MAX_STAFF_COMPANIES} CRM companies identifies none. Weaker than the company's own domain
 * (a parent's people on a subsidiary, a contractor filed under a client), so it scores like a phone
 * number: an auto-link only with a complete name agreement.
 *
 * <p>Its evidence lives in the index, not in the two records: scoring a lone pair ({@code
 * match-eval}) finds nothing.
 */
public final class StaffDomainStrategy implements MatchStrategy {

  /** Strategy name and evidence field. */
  static final String NAME = "email_domain";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<IndexedRecord> candidates(Profile subject, CrmIndex index) {
    return subject.kind() == RecordKind.COMPANY ? index.byStaffDomain(subject.domain()) : List.of();
  }

  @Override
  public Optional<Evidence> evaluate(Profile subject, Profile candidate, TokenWeights weights) {
    return Optional.empty();
  }

  @Override
  public Optional<Evidence> evaluate(
      Profile subject, IndexedRecord candidate, CrmIndex index, TokenWeights weights) {
    Profile c = candidate.profile();
    int people = index.staffAt(c.crmId(), subject.domain());
    if (subject.kind() != RecordKind.COMPANY || c.kind() != RecordKind.COMPANY || people == 0) {
      return Optional.empty();
    }
    Corroboration corr = Corroboration.compare(subject, c, List.of());
    NameScore ns = NameSimilarity.compare(subject.name(), c.name(), weights);
    List<String> agreed = new ArrayList<>();
    List<String> disagreed = new ArrayList<>(corr.disagreed());
    agreed.add(NAME);
    double base = KeyStrategy.weakKeyBase(ns, agreed, disagreed);
    agreed.addAll(corr.agreed());
    String detail =
        "email domain "
            + subject.domain()
            + " of "
            + people
            + (people == 1 ? " person" : " people")
            + " of this CRM company; name "
            + ns.method()
            + " "
            + KeyStrategy.fmt(ns.score());
    return Optional.of(
        new Evidence(NAME, c.crmId(), corr.penalise(base), agreed, disagreed, detail));
  }
}
