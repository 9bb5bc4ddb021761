// expect: error [FanOut/NotSendable] 'Index' (result of all) is not Sendable: component 'byName' of 'Index' has type 'TreeMap<String,Integer>', which is mutable. Declare 'byName' as Map<String, Integer> and copy it in the compact constructor of 'Index': byName = Map.copyOf(byName) (Map.copyOf does not keep the order: to keep it, store Collections.unmodifiableMap(new TreeMap<>(byName)) and annotate 'byName' with @AssumeSendable(reason = ...))
// on: List<Index> all(
// expect: error [FanOut/NotSendable] 'byName' makes 'Index' not Sendable, so it cannot be a child's result or part of one: it has type 'TreeMap<String,Integer>', which is mutable. Declare 'byName' as Map<String, Integer>
// on: record Index
package test;

import dev.fanout.annotation.*;
import java.util.*;

// A sorted collection: the fix says how to keep its order.
record Index(TreeMap<String, Integer> byName) {}

interface S {
  Index one(String id);

  @FanOut(using = "one")
  List<Index> all(List<String> ids);
}
