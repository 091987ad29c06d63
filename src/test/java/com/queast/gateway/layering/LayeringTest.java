package com.queast.gateway.layering;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the production code (docs/architecture.md), checked on the compiled classes
 * with ArchUnit so that a violation fails the build rather than waiting for a review.
 */
class LayeringTest {

  private static final String BASE = "com.queast.gateway.";

  /**
   * Packages that must be in no cycle at all: the foundations everything else builds on, the
   * composition root, and the sandbox.
   */
  private static final Set<String> ACYCLIC =
      Set.of("common", "db", "bus", "ratelimit", "jobqueue", "record", "removal", "sandbox", "app");

  /**
   * The one remaining tangle (docs/architecture.md, "Known tangle"): the package cycle may shrink
   * but no other package may join it. Remove a name here once its back edges are cut.
   */
  private static final Set<String> TANGLE =
      Set.of("api", "connector", "delivery", "inbound", "mapping", "matching", "tenant");

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.queast.gateway");

  @Test
  void sandboxDependsOnNoProductPackage() {
    noClasses()
        .that()
        .resideInAPackage("com.queast.gateway.sandbox..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("com.queast.gateway..")
                .and(not(resideInAPackage("com.queast.gateway.sandbox.."))))
        .because("a stand-in that shares the product's code cannot catch the product's bugs")
        .check(PRODUCTION);
  }

  @Test
  void theCompositionRootIsImportedByNobody() {
    noClasses()
        .that()
        .resideOutsideOfPackages("com.queast.gateway.app..", "com.queast.gateway.demo..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.queast.gateway.app..")
        .because(
            "app wires everything; the demo subcommand, which starts the whole gateway, is"
                + " the only other entry point allowed to use it")
        .check(PRODUCTION);
  }

  @Test
  void foundationPackagesAreInNoCycleAndNoPackageJoinsTheKnownTangle() {
    Map<String, Set<String>> graph = packageGraph();
    for (Set<String> cycle : cycles(graph)) {
      assertThat(cycle)
          .as("foundation package in a cycle; edges: %s", graph)
          .doesNotContainAnyElementsOf(ACYCLIC);
      Set<String> outside = new TreeSet<>(cycle);
      outside.removeAll(TANGLE);
      assertThat(outside)
          .as("packages in a cycle %s outside the known tangle; edges: %s", cycle, graph)
          .isEmpty();
    }
  }

  /** Top-level package to the top-level packages it uses ({@code app} and {@code demo} as one). */
  private static Map<String, Set<String>> packageGraph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (JavaClass c : PRODUCTION) {
      String from = top(c.getPackageName());
      if (from == null) {
        continue;
      }
      Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = top(d.getTargetClass().getPackageName());
        if (target != null && !target.equals(from)) {
          to.add(target);
        }
      }
    }
    return graph;
  }

  private static String top(String pkg) {
    if (!pkg.startsWith(BASE)) {
      return null;
    }
    String rest = pkg.substring(BASE.length());
    String top = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    return "demo".equals(top) ? "app" : top;
  }

  /** Strongly connected components of more than one package (Tarjan). */
  private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    List<String> stack = new ArrayList<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, out, counter);
      }
    }
    return out;
  }

  private static void connect(
      String v,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      List<String> stack,
      List<Set<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]++);
    stack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.remove(stack.size() - 1);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }
}
