package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In-memory index of one connection's CRM companies and people, kept fresh by the caller ({@link
 * #put} on initial paging, incremental pulls, webhooks and our own writes; {@link #remove} on
 * deletes and merges). Exact lookups by CRM id, {@code queast_id}, registrable domain, LinkedIn
 * page and email; fuzzy-name candidates through {@link BlockingKeys}; token weights (inverse
 * document frequency) from the indexed names.
 *
 * <p>Thread-safe: many concurrent readers, writers exclusive.
 */
public final class CrmIndex {

  /**
   * Most records read from one posting: the rarest key of a subject whose keys are all frequent
   * (nothing else proposes candidates) is read this far.
   */
  static final int MAX_POSTING = 2_000;

  /**
   * A key shared by more than 1/{@value} of the records ({@code chicago}, {@code group}) is too
   * common to propose candidates once a rarer key has: standard frequency pruning in blocking.
   */
  static final int COMMON_FRACTION = 200;

  /** Below this posting size a key is never considered common. */
  static final int MIN_COMMON = 100;

  /**
   * Above this posting size a key is common whatever the size of the index, so the work of one
   * subject stops growing with the index (ADR 0005): {@code 100_000 / COMMON_FRACTION}, the
   * relative cut-off of a 100,000-record index.
   */
  static final int MAX_COMMON = 500;

  /**
   * Most postings read for one subject once candidates exist: rarer keys are read first, so what
   * the budget leaves out are the least selective keys (ADR 0005). A 10,000-record index never
   * reaches it ({@code MIN_COMMON} per key).
   */
  static final int READ_BUDGET = 2_000;

  private final Normalizers normalizers;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, IndexedRecord> byCrmId = new HashMap<>();
  private final Map<String, Set<IndexedRecord>> postings = new HashMap<>();
  private final Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);

  /** Email domain of people → their CRM company id → how many of its people have it. */
  private final Map<String, Map<String, Integer>> staffDomains = new HashMap<>();

  private volatile int maxCommon = MAX_COMMON;
  private volatile int readBudget = READ_BUDGET;

  /**
   * Creates an empty index.
   *
   * @param normalizers normalisers used on every record put
   */
  public CrmIndex(Normalizers normalizers) {
    this.normalizers = normalizers;
  }

  /**
   * Replaces the blocking limits (benchmarks compare with the limits before ADR 0005: {@code
   * blockingLimits(MAX_POSTING, Integer.MAX_VALUE)}).
   *
   * @param maxCommon {@link #MAX_COMMON}
   * @param readBudget {@link #READ_BUDGET}
   */
  void blockingLimits(int maxCommon, int readBudget) {
    this.maxCommon = maxCommon;
    this.readBudget = readBudget;
  }

  /**
   * Adds a record, or replaces the record with the same kind and CRM id.
   *
   * @param record the CRM record
   */
  public void put(CrmRecord record) {
    IndexedRecord entry = new IndexedRecord(record, Profile.of(record, normalizers));
    List<String> keys = keys(entry.profile());
    lock.writeLock().lock();
    try {
      removeLocked(record.kind(), record.crmId());
      byCrmId.put(idKey(record.kind(), record.crmId()), entry);
      counts.merge(record.kind(), 1, Integer::sum);
      for (String key : keys) {
        postings.computeIfAbsent(key, k -> new HashSet<>()).add(entry);
      }
      staff(entry.profile(), 1);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Counts a person's company email domain for its CRM company ({@code +1} put, {@code -1} gone).
   */
  private void staff(Profile p, int delta) {
    if (p.kind() != RecordKind.PERSON || p.companyCrmId() == null || p.domain() == null) {
      return;
    }
    Map<String, Integer> byCompany =
        staffDomains.computeIfAbsent(p.domain(), d -> new HashMap<>(2));
    if (byCompany.merge(p.companyCrmId(), delta, Integer::sum) <= 0) {
      byCompany.remove(p.companyCrmId());
      if (byCompany.isEmpty()) {
        staffDomains.remove(p.domain());
      }
    }
  }

  /**
   * CRM companies with people whose email is at this company domain, when few enough companies
   * share it to identify one (a domain whose people sit at many CRM companies, an agency's or a
   * contractor's, identifies none).
   *
   * @param domain registrable company domain, may be null
   * @return the companies, by CRM id
   */
  public List<IndexedRecord> byStaffDomain(String domain) {
    if (domain == null) {
      return List.of();
    }
    lock.readLock().lock();
    try {
      Map<String, Integer> byCompany = staffDomains.get(domain);
      if (byCompany == null || byCompany.size() > MAX_STAFF_COMPANIES) {
        return List.of();
      }
      List<IndexedRecord> out = new ArrayList<>(byCompany.size());
      for (String crmId : byCompany.keySet()) {
        IndexedRecord r = byCrmId.get(idKey(RecordKind.COMPANY, crmId));
        if (r != null) {
          out.add(r);
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * How many people of a CRM company have their email at this domain.
   *
   * @param companyCrmId the CRM company
   * @param domain registrable company domain, may be null
   * @return the count (0 when none)
   */
  public int staffAt(String companyCrmId, String domain) {
    if (domain == null || companyCrmId == null) {
      return 0;
    }
    lock.readLock().lock();
    try {
      Map<String, Integer> byCompany = staffDomains.get(domain);
      return byCompany == null ? 0 : byCompany.getOrDefault(companyCrmId, 0);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** More CRM companies than this with people at one email domain: the domain identifies none. */
  static final int MAX_STAFF_COMPANIES = 3;

  /**
   * Removes a record (deleted or merged away in the CRM).
   *
   * @param kind company or person
   * @param crmId CRM id
   * @return true if it was indexed
   */
  public boolean remove(RecordKind kind, String crmId) {
    lock.writeLock().lock();
    try {
      return removeLocked(kind, crmId);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Number of indexed records of a kind.
   *
   * @param kind company or person
   * @return the count
   */
  public int size(RecordKind kind) {
    lock.readLock().lock();
    try {
      return counts.getOrDefault(kind, 0);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The record with this CRM id.
   *
   * @param kind company or person
   * @param crmId CRM id, may be null
   * @return the record, or null
   */
  public IndexedRecord byCrmId(RecordKind kind, String crmId) {
    if (crmId == null) {
      return null;
    }
    lock.readLock().lock();
    try {
      return byCrmId.get(idKey(kind, crmId));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Records whose {@code queast_id} property holds this id (more than one means a duplicate).
   *
   * @param kind company or person
   * @param queastId Queast id, may be null
   * @return matching records
   */
  public List<IndexedRecord> byQueastId(RecordKind kind, String queastId) {
    return exact(kind, "q:", queastId);
  }

  /**
   * Records with this registrable company domain.
   *
   * @param kind company or person (a person's employer domain)
   * @param domain registrable domain, may be null
   * @return matching records
   */
  public List<IndexedRecord> byDomain(RecordKind kind, String domain) {
    return exact(kind, "d:", domain);
  }

  /**
   * Records with this LinkedIn page.
   *
   * @param kind company or person
   * @param linkedin normalised page, may be null
   * @return matching records
   */
  public List<IndexedRecord> byLinkedIn(RecordKind kind, LinkedInRef linkedin) {
    return exact(kind, "l:", linkedin == null ? null : linkedin.key());
  }

  /**
   * Records with any of these LinkedIn pages (a record naming several is found by each).
   *
   * @param kind company or person
   * @param pages normalised pages
   * @return matching records, each once
   */
  public List<IndexedRecord> byLinkedIn(RecordKind kind, List<LinkedInRef> pages) {
    if (pages.size() == 1) {
      return byLinkedIn(kind, pages.get(0));
    }
    java.util.LinkedHashSet<IndexedRecord> out = new java.util.LinkedHashSet<>();
    for (LinkedInRef page : pages) {
      out.addAll(byLinkedIn(kind, page));
    }
    return List.copyOf(out);
  }

  /**
   * Records with this phone number.
   *
   * @param kind company or person
   * @param phone E.164 number, may be null
   * @return matching records
   */
  public List<IndexedRecord> byPhone(RecordKind kind, String phone) {
    return exact(kind, "p:", phone);
  }

  /**
   * People with this normalised email.
   *
   * @param email normalised email, may be null
   * @return matching people
   */
  public List<IndexedRecord> byEmail(String email) {
    return exact(RecordKind.PERSON, "e:", email);
  }

  /**
   * Fuzzy-name candidates: records sharing blocking keys with the subject's name, ranked by the
   * summed inverse frequency {@code ln(1 + N / size)} of the shared keys. Keys are read rarest
   * first; common keys ({@link #common}) are skipped once a rarer key has produced candidates, and
   * reading stops after {@value #READ_BUDGET} postings, so the work per subject is bounded whatever
   * the size of the index (ADR 0005).
   *
   * @param subject the Queast side
   * @param limit most candidates to return
   * @return candidates, best first
   */
  public List<IndexedRecord> nameCandidates(Profile subject, int limit) {
    List<String> keys = new ArrayList<>(BlockingKeys.forQuery(subject.kind(), subject.name()));
    Map<IndexedRecord, Double> votes = new HashMap<>();
    lock.readLock().lock();
    try {
      List<Set<IndexedRecord>> lists = new ArrayList<>();
      for (String key : keys) {
        Set<IndexedRecord> p = postings.get(key);
        if (p != null) {
          lists.add(p);
        }
      }
      lists.sort(Comparator.comparingInt(Set::size));
      int total = counts.getOrDefault(subject.kind(), 0);
      int common = Math.min(maxCommon, common(total));
      int budget = readBudget;
      int read = 0;
      for (int i = 0; i < lists.size(); i++) {
        Set<IndexedRecord> p = lists.get(i);
        if (!votes.isEmpty() && (p.size() > common || read + p.size() > budget)) {
          // Lists are sorted by size: every later one is as common or more.
          break;
        }
        double w = Math.log(1.0 + (double) total / p.size());
        int taken = 0;
        for (IndexedRecord r : p) {
          votes.merge(r, w, Double::sum);
          if (++taken >= MAX_POSTING) {
            break;
          }
        }
        read += taken;
      }
    } finally {
      lock.readLock().unlock();
    }
    Comparator<Map.Entry<IndexedRecord, Double>> better =
        Map.Entry.<IndexedRecord, Double>comparingByValue()
            .thenComparing(e -> e.getKey().record().crmId(), Comparator.reverseOrder());
    PriorityQueue<Map.Entry<IndexedRecord, Double>> top = new PriorityQueue<>(limit + 1, better);
    for (Map.Entry<IndexedRecord, Double> e : votes.entrySet()) {
      if (top.size() < limit) {
        top.add(e);
      } else if (better.compare(e, top.peek()) > 0) {
        top.poll();
        top.add(e);
      }
    }
    List<Map.Entry<IndexedRecord, Double>> ranked = new ArrayList<>(top);
    ranked.sort(better.reversed());
    List<IndexedRecord> out = new ArrayList<>(ranked.size());
    for (Map.Entry<IndexedRecord, Double> e : ranked) {
      out.add(e.getKey());
    }
    return out;
  }

  /**
   * The relative posting-size cut-off: 1/200 of the index, at least {@value #MIN_COMMON} (the
   * search caps it at {@value #MAX_COMMON}).
   *
   * @param total records of the subject's kind
   * @return the cut-off
   */
  static int common(int total) {
    return Math.max(MIN_COMMON, total / COMMON_FRACTION);
  }

  /**
   * Token weights for names of one kind: {@code ln(1 + (N + 1) / (df + 1))}, so a token in every
   * record weighs about {@code ln 2} and an unseen token the most.
   *
   * @param kind company or person
   * @return weights backed by the live index
   */
  public TokenWeights weights(RecordKind kind) {
    return token -> {
      lock.readLock().lock();
      try {
        Set<IndexedRecord> p = postings.get(BlockingKeys.token(kind, token));
        int df = p == null ? 0 : p.size();
        return Math.log(1.0 + (counts.getOrDefault(kind, 0) + 1.0) / (df + 1.0));
      } finally {
        lock.readLock().unlock();
      }
    };
  }

  private List<IndexedRecord> exact(RecordKind kind, String prefix, String value) {
    if (value == null) {
      return List.of();
    }
    lock.readLock().lock();
    try {
      Collection<IndexedRecord> p = postings.get(kind.name() + prefix + value);
      return p == null ? List.of() : List.copyOf(p);
    } finally {
      lock.readLock().unlock();
    }
  }

  private boolean removeLocked(RecordKind kind, String crmId) {
    IndexedRecord old = byCrmId.remove(idKey(kind, crmId));
    if (old == null) {
      return false;
    }
    counts.merge(kind, -1, Integer::sum);
    staff(old.profile(), -1);
    for (String key : keys(old.profile())) {
      Set<IndexedRecord> p = postings.get(key);
      if (p != null) {
        p.remove(old);
        if (p.isEmpty()) {
          postings.remove(key);
        }
      }
    }
    return true;
  }

  private static List<String> keys(Profile p) {
    String k = p.kind().name();
    List<String> keys = new ArrayList<>(BlockingKeys.forIndex(p.kind(), p.name()));
    if (p.queastId() != null) {
      keys.add(k + "q:" + p.queastId());
    }
    if (p.domain() != null) {
      keys.add(k + "d:" + p.domain());
    }
    for (LinkedInRef page : p.linkedinPages()) {
      keys.add(k + "l:" + page.key());
    }
    if (p.phone() != null) {
      keys.add(k + "p:" + p.phone());
    }
    if (p.email() != null) {
      keys.add(k + "e:" + p.email());
    }
    return keys;
  }

  private static String idKey(RecordKind kind, String crmId) {
    return kind.name() + "#" + crmId;
  }
}
