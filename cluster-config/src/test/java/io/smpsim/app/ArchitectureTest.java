package io.smpsim.app;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure DESIGN.md promises, checked on the main classes of every module this test sees
 * (all but loadtests, which nothing may depend on and Maven keeps off this classpath):
 *
 * <ul>
 *   <li>the layers: engine &lt;- hardware &lt;- kernel-net &lt;- kernel &lt;- app &lt;- loadtests,
 *       no arrow back (hardware knows no kernel, networking no other kernel package, the kernel
 *       no CLI);
 *   <li>no package cycle inside the kernel modules, other than the tangles still listed in
 *       {@link #TANGLES}: a dependency that closes a new cycle fails, and so does a listed
 *       tangle that is gone or has changed, so the list only ever shrinks.
 * </ul>
 */
class ArchitectureTest {

  private static final String KERNEL = "io.smpsim.kernel";
  private static final String NET = KERNEL + ".net";

  /**
   * The package cycles the kernel still has, as strongly connected components of its package
   * graph (package names relative to io.smpsim.kernel; "" is io.smpsim.kernel itself). None
   * is left: when this test was written, 19 of the 22 kernel packages formed one tangle; the
   * kernel became a core that subsystems register with, and networking a DAG (core <- cls <-
   * sched <- dev <- tc <- traffic <- net: a qdisc sees its device through sched.QdiscDev, ip and
   * tc run on the stack) (issue 10). A new cycle fails {@link
   * #noKernelPackageCycleOutsideTheListedTangles}.
   */
  private static final List<Set<String>> TANGLES = List.of();

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(MAIN_CLASSES_ONLY)
        .importPackages("io.smpsim");
  }

  /** Main classes only: test trees and test jars (helpers such as MiniWorld) are not shipped. */
  private static final ImportOption MAIN_CLASSES_ONLY = (Location location) ->
      !location.contains("/test-classes/") && !location.contains("-tests.jar");

  @Test
  void everyModuleDependsOnlyOnTheLayersBelowIt() {
    Architectures.layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("engine").definedBy("io.smpsim.sim..")
        .layer("hardware").definedBy("io.smpsim.hw..")
        .layer("kernel-net").definedBy(NET + "..")
        .layer("kernel").definedBy(resideInAPackage(KERNEL + "..")
            .and(DescribedPredicate.not(resideInAPackage(NET + ".."))))
        .layer("app").definedBy("io.smpsim.app..")
        .layer("loadtests").definedBy("io.smpsim.load..")
        .whereLayer("loadtests").mayNotBeAccessedByAnyLayer()
        .whereLayer("app").mayOnlyBeAccessedByLayers("loadtests")
        .whereLayer("kernel").mayOnlyBeAccessedByLayers("app", "loadtests")
        .whereLayer("kernel-net").mayOnlyBeAccessedByLayers("kernel", "app", "loadtests")
        .whereLayer("hardware")
        .mayOnlyBeAccessedByLayers("kernel-net", "kernel", "app", "loadtests")
        .check(classes);
  }

  @Test
  void noKernelPackageCycleOutsideTheListedTangles() {
    SliceRule rule = slices().matching(KERNEL + ".(**)").namingSlices("$1")
        .should().beFreeOfCycles();
    for (int i = 0; i < TANGLES.size(); i++) {
      DescribedPredicate<JavaClass> inTangle = inTangle(i);
      rule = rule.ignoreDependency(inTangle, inTangle);
    }
    rule.as("kernel packages are free of cycles (but inside the listed tangles)").check(classes);
  }

  @Test
  void theListedTanglesAreExactlyTheKernelsPackageCycles() {
    List<Set<String>> found = tangles(packageGraph());
    System.out.println("kernel package cycles: " + found.size() + " tangles, "
        + found.stream().mapToInt(Set::size).sum() + " of " + packageGraph().size()
        + " packages: " + found);
    assertEquals(TANGLES.stream().map(TreeSet::new).toList(), found,
        "the kernel's package cycles changed: if you broke one, shrink TANGLES to what is left");
  }

  /** The classes of tangle {@code i}: dependencies between them are the known cycles. */
  private static DescribedPredicate<JavaClass> inTangle(int i) {
    return DescribedPredicate.describe("in tangle " + TANGLES.get(i),
        c -> tangleOf(c.getPackageName()) == i);
  }

  private static int tangleOf(String pkg) {
    if (!pkg.equals(KERNEL) && !pkg.startsWith(KERNEL + ".")) {
      return -1;
    }
    String rel = pkg.equals(KERNEL) ? "" : pkg.substring(KERNEL.length() + 1);
    for (int i = 0; i < TANGLES.size(); i++) {
      if (TANGLES.get(i).contains(rel)) {
        return i;
      }
    }
    return -1;
  }

  /** Kernel package to the kernel packages its classes use (names relative to the kernel). */
  private static Map<String, Set<String>> packageGraph() {
    Map<String, Set<String>> g = new TreeMap<>();
    for (JavaClass c : classes.that(resideInAPackage(KERNEL + ".."))) {
      String from = relative(c.getPackageName());
      Set<String> out = g.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = d.getTargetClass().getPackageName();
        if ((to.equals(KERNEL) || to.startsWith(KERNEL + ".")) && !relative(to).equals(from)) {
          out.add(relative(to));
        }
      }
    }
    return g;
  }

  private static String relative(String pkg) {
    return pkg.equals(KERNEL) ? "" : pkg.substring(KERNEL.length() + 1);
  }

  /** The strongly connected components of more than one package (Tarjan), sorted. */
  static List<Set<String>> tangles(Map<String, Set<String>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] next = {0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, g, index, low, stack, onStack, out, next);
      }
    }
    out.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
    return out;
  }

  private static void strongConnect(String v, Map<String, Set<String>> g,
      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<Set<String>> out, int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]);
    next[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        strongConnect(w, g, index, low, stack, onStack, out, next);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      TreeSet<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }
}
