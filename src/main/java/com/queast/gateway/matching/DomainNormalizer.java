package com.queast.gateway.matching;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reduces a domain, URL or email address to its registrable domain with Guava's copy of the public
 * suffix list, and says whether that domain can identify a company.
 *
 * <p>The registrable domain is the one directly under an ICANN registry suffix ({@code
 * shop.acme.co.uk} → {@code acme.co.uk}). A host under a <em>private</em> suffix of the list
 * ({@code acme.github.io}, {@code x.herokuapp.com}) and any domain in {@code
 * matching/shared-domains.txt} (free mail, site builders, social networks) is shared: many
 * unrelated companies live there, so it never matches as a company identity.
 */
public final class DomainNormalizer {

  private final Set<String> sharedDomains = new HashSet<>();
  private final Set<String> sharedLabels = new HashSet<>();

  /** Loads the shared-domain list from the classpath. */
  public DomainNormalizer() {
    this(WordLists.load("shared-domains.txt"));
  }

  /**
   * Uses the given shared-domain entries ({@code gmail.com}, or {@code yahoo.*} for any suffix).
   *
   * @param shared entries
   */
  public DomainNormalizer(List<String> shared) {
    for (String entry : shared) {
      String e = entry.toLowerCase(Locale.ROOT);
      if (e.endsWith(".*")) {
        sharedLabels.add(e.substring(0, e.length() - 2));
      } else {
        sharedDomains.add(e);
      }
    }
  }

  /**
   * The host part of a domain, URL or email, lower-case, without port, path or trailing dot.
   *
   * @param input {@code https://www.Acme.com:8080/x}, {@code bob@acme.com} or {@code acme.com}
   * @return the host, or empty when nothing host-like is there
   */
  public Optional<String> host(String input) {
    if (input == null || input.isBlank()) {
      return Optional.empty();
    }
    String s = input.strip().toLowerCase(Locale.ROOT);
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    } else if (s.startsWith("//")) {
      s = s.substring(2);
    }
    s = cut(s, "/?#\\ ");
    int colon = s.indexOf(':');
    if (colon >= 0) {
      s = s.substring(0, colon);
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (s.startsWith("www.")) {
      s = s.substring(4);
    }
    return InternetDomainName.isValid(s) ? Optional.of(s) : Optional.empty();
  }

  /**
   * The registrable domain (one label under an ICANN registry suffix), shared or not.
   *
   * @param input domain, URL or email
   * @return e.g. {@code acme.co.uk}; empty for IPs, bare suffixes and malformed input
   */
  public Optional<String> registrableDomain(String input) {
    return host(input).flatMap(DomainNormalizer::registryTop).map(InternetDomainName::toString);
  }

  /**
   * The registrable domain if it can identify a company: empty for shared hosting, website
   * builders, free mail and social networks.
   *
   * @param input domain, URL or email
   * @return the company domain, or empty
   */
  public Optional<String> companyDomain(String input) {
    Optional<String> host = host(input);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    InternetDomainName name = InternetDomainName.from(host.get());
    if (name.hasPublicSuffix()
        && name.hasRegistrySuffix()
        && !name.publicSuffix().equals(name.registrySuffix())) {
      return Optional.empty();
    }
    return registryTop(host.get())
        .map(InternetDomainName::toString)
        .filter(d -> !isShared(d) && !sharedDomains.contains(host.get()));
  }

  /**
   * Whether a registrable domain is on the shared list.
   *
   * @param registrable a registrable domain such as {@code yahoo.co.uk}
   * @return true for free mail, builders, social networks and the like
   */
  public boolean isShared(String registrable) {
    return sharedDomains.contains(registrable) || sharedLabels.contains(label(registrable));
  }

  /**
   * The registrable domain without its registry suffix: {@code acme.co.uk} → {@code acme}.
   *
   * @param registrable a registrable domain
   * @return its first label
   */
  public static String label(String registrable) {
    int dot = registrable.indexOf('.');
    return dot < 0 ? registrable : registrable.substring(0, dot);
  }

  private static Optional<InternetDomainName> registryTop(String host) {
    InternetDomainName name = InternetDomainName.from(host);
    if (!name.isUnderRegistrySuffix()) {
      return Optional.empty();
    }
    return Optional.of(name.topDomainUnderRegistrySuffix());
  }

  private static String cut(String s, String stops) {
    for (int i = 0; i < s.length(); i++) {
      if (stops.indexOf(s.charAt(i)) >= 0) {
        return s.substring(0, i);
      }
    }
    return s;
  }
}
