// expect: error [FanOut/NotSendable] 'Parent' (result of parents) is not Sendable: (1) component 'born' of 'Parent' has type 'Date', which is mutable: use java.time.Instant for a point in time, or LocalDate, LocalDateTime or ZonedDateTime for a calendar date; they are immutable; (2) component 'notes' of 'Child' (reached through Parent.children) has type 'StringBuilder', which is mutable: keep its toString(), a String, instead. Fix all 2
// on: List<Parent> parents(
// expect: error [FanOut/NotSendable] 'Child' (result of children) is not Sendable: (1) component 'notes' of 'Child' has type 'StringBuilder', which is mutable: keep its toString(), a String, instead; (2) component 'born' of 'Parent' (reached through Child.parent) has type 'Date', which is mutable
// on: List<Child> children(
// expect: error [FanOut/NotSendable] 'born' makes 'Parent' not Sendable, so it cannot be a child's result or part of one: it has type 'Date', which is mutable
// on: Date born)
// expect: error [FanOut/NotSendable] 'notes' makes 'Child' not Sendable, so it cannot be a child's result or part of one: it has type 'StringBuilder', which is mutable
// on: StringBuilder notes)
package test;

import dev.fanout.annotation.*;
import java.util.*;

// A cycle through a type argument, with a mutable component on each side: each type lists both,
// the other side's with the path that reaches it.
record Parent(
    List<Child> children,
    Date born) {}

record Child(
    Parent parent,
    StringBuilder notes) {}

interface S {
  Parent parent(String id);

  Child child(String id);

  @FanOut(using = "parent")
  List<Parent> parents(List<String> ids);

  @FanOut(using = "child")
  List<Child> children(List<String> ids);
}
