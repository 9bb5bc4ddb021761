// expect: clean
package test;

import dev.fanout.annotation.*;
import java.util.*;

record Money(long cents) implements Comparable<Money> {
  @Override
  public int compareTo(Money other) {
    return Long.compare(cents, other.cents);
  }
}

// Comparable is not Sendable, but Money is, and a V is both.
interface Repo<V extends Money & Comparable<Money>> {
  V load(String key);

  @FanOut(using = "load")
  List<V> loadAll(List<String> keys);
}
