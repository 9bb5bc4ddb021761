package dev.fanout.processor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Names for the locals of generated code, chosen so that the code reads as if written by hand. */
final class VariableNames {
  /**
   * Names the generated code uses where a variable of the same name would obscure them (JLS
   * 6.4.2): types it calls static methods on, and the packages a qualified name starts with.
   */
  private static final Set<String> OBSCURABLE =
      Set.of(
          "TaskGroup", "Subtask", "FanOutExceptions", "Objects", "Thread", "Duration",
          "Collections", "List", "Set", "Map", "java", "javax", "dev");

  private VariableNames() {}

  /**
   * The generated method's parameter names: the interface's own, except one that would obscure a
   * name the generated code needs ({@code Objects} in {@code Objects.requireNonNull}, {@code java}
   * in {@code java.lang.Thread}), which gets a name of its own: {@code objects}, {@code javaArg}.
   * An override may name its parameters freely, so the interface is unchanged.
   */
  static List<String> parameters(List<String> declared) {
    Set<String> taken = new HashSet<>(declared);
    List<String> names = new ArrayList<>(declared.size());
    for (String name : declared) {
      if (!OBSCURABLE.contains(name)) {
        names.add(name);
        continue;
      }
      String lower = name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
      String renamed = unique(lower.equals(name) ? name + "Arg" : lower, taken);
      taken.add(renamed);
      names.add(renamed);
    }
    return names;
  }

  /**
   * The loop variable for one element of {@code collection}: its singular ({@code ids} gives
   * {@code id}, {@code replicas} gives {@code replica}, {@code entries} gives {@code entry}),
   * or {@code <name>Element} when there is no obvious singular or it is taken.
   */
  static String elementOf(String collection, Collection<String> taken) {
    String singular = singular(collection);
    if (singular == null || taken.contains(singular) || SourceVersion.isKeyword(singular)) {
      singular = collection + "Element";
    }
    return unique(singular, taken);
  }

  /** {@code preferred}, or {@code preferred} with a number appended until it is not taken. */
  static String unique(String preferred, Collection<String> taken) {
    String name = preferred;
    for (int i = 2; taken.contains(name) || SourceVersion.isKeyword(name); i++) {
      name = preferred + i;
    }
    return name;
  }

  private static String singular(String plural) {
    if (plural.length() > 3 && plural.endsWith("ies")) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    for (String suffix : new String[] {"sses", "shes", "ches", "xes", "zes"}) {
      if (plural.length() > suffix.length() && plural.endsWith(suffix)) {
        return plural.substring(0, plural.length() - 2);
      }
    }
    if (plural.length() > 1 && plural.endsWith("s") && !plural.endsWith("ss")) {
      return plural.substring(0, plural.length() - 1);
    }
    return null;
  }
}
