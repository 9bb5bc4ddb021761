package dev.fanout.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a random but valid service interface for the processor: a leaf or several, and a
 * {@code @FanOut} method over elements, leaves or record components, with every result shape and
 * strategy, generic and wildcard types, arrays and varargs, checked exceptions (Throwable too),
 * deprecation, {@code AutoCloseable}, inherited diamonds, and names that collide with the types
 * and locals the generated code uses (member types, types of the package, parameters).
 *
 * <p>The interface names every JDK type by its qualified name, so that the colliding names it
 * declares never break the user's own code: only the generated class can be at fault.
 */
final class RandomInterfaceShapes {
  /** Types of the package named like what the generated code uses. */
  private static final String[] PACKAGE_SHADOWS = {
    "Thread", "Objects", "TaskGroup", "Throwable", "InterruptedException", "Override", "List",
    "Duration", "FanOutExceptions", "Subtask", "Collections", "Generated"
  };

  private static final String[] MEMBER_SHADOWS = {
    "Thread", "Subtask", "State", "Objects", "Duration", "Map", "Set", "Override", "String"
  };

  private static final String[] PARAMETER_NAMES = {
    "ids", "keys", "items", "Objects", "java", "dev", "group", "e", "failure", "done", "seen",
    "Thread", "List", "values", "id"
  };

  private static final String[] EXCEPTIONS = {
    "", "java.io.IOException", "java.lang.Exception", "java.util.concurrent.TimeoutException",
    "java.lang.InterruptedException", "GenException", "java.lang.Throwable"
  };

  private final Random random;

  RandomInterfaceShapes(long seed) {
    random = new Random(seed);
  }

  /** One case: the sources of package {@code gen}, the interface first. */
  List<String[]> next(int index) {
    String service = "S" + index;
    List<String[]> sources = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    lines.add("package gen;");
    lines.add("import dev.fanout.annotation.*;");
    boolean deprecated = chance(10);
    if (deprecated) {
      lines.add("@java.lang.Deprecated");
    }
    boolean inherits = chance(20);
    boolean generic = !inherits && chance(20); // the supertype declaring the leaves has no T
    boolean closeable = chance(10);
    List<String> supertypes = new ArrayList<>();
    if (closeable) {
      supertypes.add("java.lang.AutoCloseable");
    }
    if (inherits) {
      supertypes.add(service + "Base");
      supertypes.add(service + "Other");
    }
    lines.add(
        "interface "
            + service
            + (generic ? "<T extends java.lang.Comparable<T>>" : "")
            + (supertypes.isEmpty() ? "" : " extends " + String.join(", ", supertypes))
            + " {");
    for (String shadow : MEMBER_SHADOWS) {
      if (chance(15)) {
        lines.add("  record " + shadow + "(java.lang.String name) {}");
      }
    }
    lines.add("  record Item(java.lang.String id, long n) {}");

    String thrown = pick(EXCEPTIONS);
    String throwsClause = thrown.isEmpty() ? "" : " throws " + thrown;
    String leafThrows =
        thrown.isEmpty() || chance(20) ? "" : " throws " + thrown; // a leaf may throw less
    String shared = pick("", ", java.lang.String tenant", ", int n");
    String sharedArgs = shared.isEmpty() ? "" : shared.substring(shared.lastIndexOf(' '));
    String leafDeprecation = chance(10) ? pick("@java.lang.Deprecated ", "@java.lang.Deprecated(forRemoval = true) ") : "";
    String result = pick("java.lang.String", "java.lang.Integer", "Item", "int");
    String boxedResult = result.equals("int") ? "java.lang.Integer" : result;
    List<String> leafLines = new ArrayList<>();
    String fanOut;
    int shape = random.nextInt(3);
    String concurrency = chance(50) ? ", concurrency = " + random.nextInt(9) : "";
    String timeout = chance(30) ? ", timeout = \"" + pick("250ms", "5s", "2m", "PT1S") + "\"" : "";
    if (shape == 0) { // over elements
      String element = pick("java.lang.String", "java.lang.Long", "Item", generic ? "T" : "Item");
      boolean array = chance(25);
      String primitive = array && chance(50) ? "long" : element;
      String collection =
          array
              ? primitive + (chance(50) ? "[]" : "...")
              : pick("java.util.List<", "java.util.Set<", "java.util.Collection<", "java.lang.Iterable<", "java.util.List<? extends ")
                  + element + ">";
      String leafParameter = array ? primitive : element;
      String name = pick(PARAMETER_NAMES);
      leafLines.add(
          "  " + leafDeprecation + result + " fetch(" + leafParameter + " x" + shared + ")" + leafThrows + ";");
      String strategy = pick("ALL", "ALL", "ALL", "RACE", "ANY");
      String returns;
      String consumer = "";
      if (strategy.equals("ALL")) {
        returns =
            pick(
                "java.util.List<" + boxedResult + ">",
                "java.util.Set<" + boxedResult + ">",
                array && primitive.equals("long") ? "java.util.List<" + boxedResult + ">"
                    : "java.util.Map<" + element + ", " + boxedResult + ">",
                "void");
        if (chance(30) && !returns.startsWith("java.util.Map") && !collection.endsWith("...")) {
          consumer = ", java.util.function.Consumer<? super " + boxedResult + "> onEach";
        }
      } else {
        returns = boxedResult;
      }
      fanOut =
          "  @FanOut(strategy = Strategy." + strategy + ", using = \"fetch\"" + concurrency + timeout + ")\n"
              + "  " + returns + " fanOut(" + collection.replace("...", "[]") + " " + name + shared
              + consumer + ")" + throwsClause + ";";
      if (collection.endsWith("...")) { // varargs only as the last parameter
        fanOut =
            "  @FanOut(strategy = Strategy." + strategy + ", using = \"fetch\"" + concurrency + timeout + ")\n"
                + "  " + returns + " fanOut(" + (shared.isEmpty() ? "" : shared.substring(2) + ", ")
                + collection + " " + name + ")" + throwsClause + ";";
      }
    } else if (shape == 1) { // over leaves
      leafLines.add("  " + leafDeprecation + result + " alpha(java.lang.String q" + shared + ")" + leafThrows + ";");
      leafLines.add("  " + result + " beta(java.lang.String q" + shared + ")" + leafThrows + ";");
      String strategy = pick("ALL", "RACE", "ANY");
      String returns = strategy.equals("ALL") ? "java.util.List<" + boxedResult + ">" : boxedResult;
      fanOut =
          "  @FanOut(strategy = Strategy." + strategy + ", using = {\"alpha\", \"beta\"}" + concurrency + timeout + ")\n"
              + "  " + returns + " fanOut(java.lang.String " + pick(PARAMETER_NAMES) + shared + ")" + throwsClause + ";";
    } else { // over record components
      lines.add("  record Profile(" + boxedResult + " user, java.lang.String orders) {}");
      leafLines.add("  " + leafDeprecation + result + " user(long id" + shared + ")" + leafThrows + ";");
      leafLines.add("  java.lang.String orders(long id" + shared + ")" + leafThrows + ";");
      List<String> attributes = new ArrayList<>();
      if (!concurrency.isEmpty()) {
        attributes.add(concurrency.substring(2));
      }
      if (!timeout.isEmpty()) {
        attributes.add(timeout.substring(2));
      }
      fanOut =
          "  @FanOut(" + String.join(", ", attributes) + ")\n"
              + "  Profile fanOut(long " + pick("id", "Objects", "java", "group") + shared + ")"
              + throwsClause + ";";
    }
    if (inherits) { // leaves in one supertype, reached through two
      List<String> base = new ArrayList<>();
      base.add("package gen;");
      base.add("interface " + service + "Base {");
      for (String leaf : leafLines) {
        base.add(leaf.replace("Item", service + ".Item").replace("Profile", service + ".Profile")
            .replace(service + "." + service, service));
      }
      base.add("}");
      sources.add(new String[] {"gen." + service + "Base", String.join("\n", base)});
      sources.add(
          new String[] {
            "gen." + service + "Other",
            "package gen;\ninterface " + service + "Other extends " + service + "Base {}"
          });
    } else {
      lines.addAll(leafLines);
    }
    lines.add(fanOut);
    lines.add("}");
    sources.add(0, new String[] {"gen." + service, String.join("\n", lines)});
    if (thrown.equals("GenException")) {
      sources.add(new String[] {"gen.GenException", "package gen;\nclass GenException extends Exception {}"});
    }
    for (String shadow : PACKAGE_SHADOWS) {
      if (chance(8)) {
        sources.add(new String[] {"gen." + shadow, "package gen;\nclass " + shadow + " {}"});
      }
    }
    return sources;
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}
