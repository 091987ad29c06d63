package com.queast.gateway.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Normalises person names: folding, {@code "Last, First"} reordered, honorifics ({@code Dr}, {@code
 * Mrs}) and generational or academic suffixes ({@code Jr}, {@code III}, {@code PhD}) removed.
 */
public final class PersonNameNormalizer {

  private static final Set<String> NOISE =
      Set.of(
          "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "jr", "sr",
          "ii", "iii", "iv", "phd", "md", "mba", "esq", "cpa");

  /**
   * Normalises a full name.
   *
   * @param fullName e.g. {@code "Müller, Dr. Jürgen"}
   * @return tokens such as {@code [jurgen, muller]}; empty when nothing is left
   */
  public NormalizedName normalize(String fullName) {
    String folded = TextFolding.fold(fullName);
    int comma = folded.indexOf(',');
    if (comma > 0) {
      folded = folded.substring(comma + 1) + " " + folded.substring(0, comma);
    }
    List<String> tokens = new ArrayList<>();
    for (String t : TextFolding.foldToTokens(folded.replace("'", "")).split(" ")) {
      if (!t.isEmpty() && !NOISE.contains(t)) {
        tokens.add(t);
      }
    }
    return new NormalizedName(tokens);
  }
}
