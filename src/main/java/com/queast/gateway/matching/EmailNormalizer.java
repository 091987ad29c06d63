package com.queast.gateway.matching;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Normalises email addresses: trimmed, lower-cased, {@code mailto:} and display names removed, and
 * optionally plus-addressing folded ({@code bob+crm@acme.com} → {@code bob@acme.com}).
 */
public final class EmailNormalizer {

  private final boolean foldPlusAddressing;
  private final Set<String> roleLocalParts;

  /**
   * Creates a normaliser.
   *
   * @param foldPlusAddressing whether {@code +tag} in the local part is dropped
   */
  public EmailNormalizer(boolean foldPlusAddressing) {
    this.foldPlusAddressing = foldPlusAddressing;
    this.roleLocalParts = new HashSet<>(WordLists.load("role-mailboxes.txt"));
  }

  /**
   * Normalises an address.
   *
   * @param input e.g. {@code " Bob Smith <Bob+crm@ACME.com> "}
   * @return {@code bob@acme.com} (with plus folding), or empty when it is not an address
   */
  public Optional<String> normalize(String input) {
    if (input == null || input.isBlank()) {
      return Optional.empty();
    }
    String s = input.strip().toLowerCase(Locale.ROOT);
    int lt = s.lastIndexOf('<');
    int gt = s.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
      s = s.substring(lt + 1, gt).strip();
    }
    if (s.startsWith("mailto:")) {
      s = s.substring(7);
    }
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1 || s.indexOf(' ') >= 0) {
      return Optional.empty();
    }
    String local = s.substring(0, at);
    String domain = s.substring(at + 1);
    if (!domain.contains(".")) {
      return Optional.empty();
    }
    if (foldPlusAddressing) {
      int plus = local.indexOf('+');
      if (plus > 0) {
        local = local.substring(0, plus);
      }
    }
    return Optional.of(local + "@" + domain);
  }

  /**
   * Whether a normalised address is a shared role mailbox such as {@code info@} or {@code sales@}.
   *
   * @param normalized an address from {@link #normalize(String)}
   * @return true for role mailboxes
   */
  public boolean isRoleMailbox(String normalized) {
    int at = normalized.indexOf('@');
    return at > 0 && roleLocalParts.contains(normalized.substring(0, at));
  }
}
