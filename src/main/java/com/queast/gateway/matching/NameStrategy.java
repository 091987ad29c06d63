package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzy name, helped by location: the {@link NameSimilarity} score, lifted by agreeing supporting
 * fields (postcode, house number, city, country, domain label) and penalised by conflicting ones
 * (see {@link Corroboration}). Only a complete name agreement can reach an auto-link; partial names
 * stay at or below {@link NameSimilarity#PARTIAL_CAP}. People are never auto-linked by name: their
 * cap is the same.
 */
public final class NameStrategy implements MatchStrategy {

  /**
   * The most a person scores on a complete name whose CRM company is the one our person's company
   * is linked to: above the default auto-link threshold, below the shared-key scores.
   */
  static final double PERSON_AT_CRM_COMPANY = 0.92;

  /** Most candidates scored per subject after blocking. */
  static final int CANDIDATES = 40;

  @Override
  public String name() {
    return "name";
  }

  /** The most a name match scores when the numbers in the two names differ: below review. */
  static final double NUMBER_MISMATCH_CAP = 0.4;

  static boolean numbersDiffer(NormalizedName a, NormalizedName b) {
    java.util.Set<String> x = numbers(a.key());
    java.util.Set<String> y = numbers(b.key());
    return !x.isEmpty() && !y.isEmpty() && !x.equals(y);
  }

  private static java.util.Set<String> numbers(String key) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    java.util.regex.Matcher m = DIGITS.matcher(key == null ? "" : key);
    while (m.find()) {
      out.add(m.group().replaceFirst("^0+(?=\\d)", ""));
    }
    return out;
  }

  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

  @Override
  public List<IndexedRecord> candidates(Profile subject, CrmIndex index) {
    return index.nameCandidates(subject, CANDIDATES);
  }

  @Override
  public Optional<Evidence> evaluate(Profile subject, Profile candidate, TokenWeights weights) {
    if (subject.kind() != candidate.kind()) {
      return Optional.empty();
    }
    NameScore ns = NameSimilarity.compare(subject.name(), candidate.name(), weights);
    if (ns.score() <= 0.0) {
      return Optional.empty();
    }
    Corroboration corr = Corroboration.compare(subject, candidate, List.of());
    boolean person = subject.kind() == RecordKind.PERSON;
    // A person is never linked by name alone; a complete name at the CRM company our person's
    // company is linked to is more than a name, but less than an email or a profile.
    // Two different email addresses are two mailboxes: namesakes at one large company are common
    // enough that the pair then goes to a person (review), never to an auto-link.
    boolean otherMailbox =
        subject.email() != null
            && candidate.email() != null
            && !subject.email().equals(candidate.email());
    boolean atCrmCompany = person && corr.agreed().contains("crm_company") && !otherMailbox;
    double cap =
        !ns.complete()
            ? NameSimilarity.PARTIAL_CAP
            : person ? (atCrmCompany ? PERSON_AT_CRM_COMPANY : NameSimilarity.PARTIAL_CAP) : 1.0;
    double score = corr.supportAndPenalise(Math.min(ns.score(), cap), cap);
    List<String> agreed = new ArrayList<>();
    List<String> disagreed = new ArrayList<>(corr.disagreed());
    // Numbers in names tell branches, sites and series apart ("Studio 5" / "Studio 54", "Company 2"
    // / "Company 21"): when both names carry numbers and they differ, the names disagree, however
    // similar the letters.
    if (numbersDiffer(subject.name(), candidate.name())) {
      score = Math.min(score, NUMBER_MISMATCH_CAP);
      disagreed.add("name_number");
    }
    if (ns.complete()) {
      agreed.add("name");
    } else {
      agreed.add("name_partial");
    }
    agreed.addAll(corr.agreed());
    boolean cross = NameSimilarity.CROSS_SCRIPT.equals(ns.method());
    NormalizedName shownSubject = cross ? subject.name().latinOrSelf() : subject.name();
    NormalizedName shownCandidate = cross ? candidate.name().latinOrSelf() : candidate.name();
    String detail =
        "name "
            + ns.method()
            + " "
            + KeyStrategy.fmt(ns.score())
            + " ('"
            + shownSubject.key()
            + "' vs '"
            + shownCandidate.key()
            + "')";
    return Optional.of(new Evidence(name(), candidate.crmId(), score, agreed, disagreed, detail));
  }
}
