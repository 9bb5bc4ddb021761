// expect: error [FanOut/NotSendable] 'Outer' (result of all) is not Sendable: 'Outer' has component 'inner' of type 'Inner', 'Inner' has component 'when' of type 'Calendar', Calendar is mutable
// on: List<Outer> all(
// expect: error [FanOut/NotSendable] 'Inner' makes 'Outer' (result of all) not Sendable
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
