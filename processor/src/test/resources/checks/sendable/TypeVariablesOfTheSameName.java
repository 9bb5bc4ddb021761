// expect: error [FanOut/NotSendable] 'E' (result of openLoadAll) is not Sendable: type variable 'E' has no Sendable bound, so any type could stand for it. Bound the type variable by a Sendable type
// on: List<E> openLoadAll(
// expect: error [FanOut/NotSendable] 'List<T>' (result of loosePages) is not Sendable: 'List<T>' holds 'T', which is a type variable without a Sendable bound, so any type could stand for it. Bound the type variable by a Sendable type
// on: List<List<T>> loosePages(
package test;

import dev.fanout.annotation.*;
import java.util.*;

// Type variables of the same name in unrelated interfaces are different types: a verdict on one
// must never be taken for the other, in either direction.
record Money(long cents) {}

interface Open<E> {
  E load(String key);

  @FanOut(using = "load")
  List<E> openLoadAll(List<String> keys);
}

interface Priced<E extends Money> {
  Optional<E> load(String key);

  @FanOut(using = "load")
  List<Optional<E>> pricedLoadAll(List<String> keys);
}

interface Bounded<T extends Money> {
  List<T> page(String cursor);

  @FanOut(using = "page")
  List<List<T>> boundedPages(List<String> cursors);
}

interface Loose<T> {
  List<T> page(String cursor);

  @FanOut(using = "page")
  List<List<T>> loosePages(List<String> cursors);
}
