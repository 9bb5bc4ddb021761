package dev.fanout.processor;

import java.util.Collection;
import javax.lang.model.SourceVersion;

/** Names for the locals of generated code, chosen so that the code reads as if written by hand. */
final class VariableNames {
  private VariableNames() {}

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
