// expect: error [FanOut/NotSendable] 'Outer' (result of all) is not Sendable: component 'when' of 'Inner' (reached through Outer.inner) has type 'Calendar', which is mutable. Use java.time.Instant
// on: List<Outer> all(
// expect: error [FanOut/NotSendable] 'when' makes 'Inner' not Sendable, so it cannot be a child's result or part of one: it has type 'Calendar', which is mutable
// on: record Inner
package test;

import dev.fanout.annotation.*;
import java.util.*;

record Inner(Calendar when) {}

record Outer(String name, Inner inner) {}

interface S {
  Outer one(String id);

  @FanOut(using = "one")
  List<Outer> all(List<String> ids);
}
