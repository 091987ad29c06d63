package com.queast.gateway.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A generated portfolio: made-up companies (pronounceable invented names, never a real company's
 * facts), their people and Smart Signals, from a fixed seed so every run is the same. The first
 * {@code linked} companies are also in each CRM with the same name and website (the matcher links
 * them by domain); the next {@code reviewed} are in each CRM under the same name without a website
 * (a name alone goes to the review queue).
 *
 * @param companies companies
 * @param people people (each at one of the companies)
 * @param signals Signals (each about one of the companies)
 * @param linked how many of the first companies the CRMs already hold with the same domain
 * @param reviewed how many companies after those the CRMs hold by name only
 */
public record Portfolio(
    List<JsonObject> companies,
    List<JsonObject> people,
    List<JsonObject> signals,
    int linked,
    int reviewed) {

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ne", "ru", "ta", "vo", "xi", "zu", "be", "do", "fa", "gi", "ho", "ju", "pe",
    "qua", "sor", "tel", "vin", "bra", "clo", "dri", "fle", "gro", "plu", "stra", "tri", "wex",
    "yon"
  };
  private static final String[] SUFFIXES = {
    "Labs",
    "Systems",
    "Analytics",
    "Robotics",
    "Foods",
    "Logistics",
    "Energy",
    "Health",
    "Studio",
    "Works"
  };
  private static final String[] CITIES = {"Lyon", "Berlin", "Porto", "Ghent", "Turin", "Malmo"};
  private static final String[] SIGNAL_TYPES = {"hiring", "funding", "expansion", "leadership"};

  /**
   * Generates a portfolio.
   *
   * @param companies number of companies
   * @param peoplePerCompany people per company
   * @param signalsPerCompany Signals per company
   * @param linked companies the CRMs already hold by domain (auto-link)
   * @param reviewed companies the CRMs hold by name only (review)
   * @return the portfolio
   */
  public static Portfolio generate(
      int companies, int peoplePerCompany, int signalsPerCompany, int linked, int reviewed) {
    Random rnd = new Random(20261207L);
    List<JsonObject> cs = new ArrayList<>(companies);
    List<JsonObject> ps = new ArrayList<>();
    List<JsonObject> ss = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < companies; i++) {
      String stem;
      do {
        stem = word(rnd, 3) + " " + word(rnd, 2);
      } while (!names.add(stem));
      String name = stem + " " + SUFFIXES[rnd.nextInt(SUFFIXES.length)];
      String id = "qc-" + i;
      String domain = stem.toLowerCase(Locale.ROOT).replace(' ', '-') + ".io";
      cs.add(
          new JsonObject()
              .put("id", id)
              .put("name", name)
              .put("domain", domain)
              .put("city", CITIES[rnd.nextInt(CITIES.length)])
              .put("employeeCount", 5 + rnd.nextInt(500))
              .put("tags", new JsonArray().add("demo")));
      for (int p = 0; p < peoplePerCompany; p++) {
        String first = cap(word(rnd, 2));
        String last = cap(word(rnd, 3));
        ps.add(
            new JsonObject()
                .put("id", "qp-" + i + "-" + p)
                .put("firstName", first)
                .put("lastName", last)
                .put("email", (first + "." + last).toLowerCase(Locale.ROOT) + "@" + domain)
                .put("title", p == 0 ? "Founder" : "Head of Sales")
                .put("companyId", id));
      }
      for (int s = 0; s < signalsPerCompany; s++) {
        String type = SIGNAL_TYPES[rnd.nextInt(SIGNAL_TYPES.length)];
        ss.add(
            new JsonObject()
                .put("id", "qs-" + i + "-" + s)
                .put("companyId", id)
                .put("type", type)
                .put("title", name + ": " + type + " signal")
                .put("summary", "Generated demo Signal " + (s + 1) + " about " + name)
                .put("score", Math.round(rnd.nextDouble() * 100) / 100.0)
                .put(
                    "occurredAt",
                    "2026-11-" + String.format("%02d", 1 + rnd.nextInt(28)) + "T09:00:00Z"));
      }
    }
    return new Portfolio(
        cs,
        ps,
        ss,
        Math.min(linked, companies),
        Math.min(reviewed, companies - Math.min(linked, companies)));
  }

  /**
   * The records the CRMs hold before the demo connects them.
   *
   * @return name and website (null for the name-only ones) of each seeded company
   */
  public List<String[]> seeded() {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < linked + reviewed; i++) {
      JsonObject c = companies.get(i);
      out.add(new String[] {c.getString("name"), i < linked ? c.getString("domain") : null});
    }
    return out;
  }

  /**
   * Every record.
   *
   * @return companies + people + Signals
   */
  public int size() {
    return companies.size() + people.size() + signals.size();
  }

  private static String word(Random rnd, int syllables) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      b.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
    }
    return cap(b.toString());
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
