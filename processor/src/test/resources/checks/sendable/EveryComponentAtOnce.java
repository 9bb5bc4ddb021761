// expect: error [FanOut/NotSendable] 'Order' (result of all) is not Sendable: (1) component 'placed' of 'Order' has type 'Date', which is mutable: use java.time.Instant for a point in time, or LocalDate, LocalDateTime or ZonedDateTime for a calendar date; they are immutable; (2) component 'lines' of 'Order' has type 'ArrayList<String>', which is mutable: declare 'lines' as List<String> and copy it in the compact constructor of 'Order': lines = List.copyOf(lines), or, if nothing changes it once it is built, keep a Collections.unmodifiableList view and annotate 'lines' with @AssumeSendable(reason = ...); (3) component 'extras' of 'Order' has type 'Map<String,int[]>', whose 'int[]' is an array, and arrays are mutable: use List<Integer> instead of 'int[]' (List.of(...) or List.copyOf(...)); (4) component 'total' of 'Order' has type 'Money', which is neither final nor sealed, so a subclass could add mutable state: make 'Money' final, or sealed with Sendable permitted subtypes. Fix all 4
// on: List<Order> all(
// expect: error [FanOut/NotSendable] 'placed' makes 'Order' not Sendable, so it cannot be a child's result or part of one: it has type 'Date', which is mutable. Use java.time.Instant
// on: Date placed,
// expect: error [FanOut/NotSendable] 'lines' makes 'Order' not Sendable, so it cannot be a child's result or part of one: it has type 'ArrayList<String>', which is mutable. Declare 'lines' as List<String> and copy it in the compact constructor of 'Order': lines = List.copyOf(lines)
// on: ArrayList<String> lines,
// expect: error [FanOut/NotSendable] 'extras' makes 'Order' not Sendable, so it cannot be a child's result or part of one: it has type 'Map<String,int[]>', whose 'int[]' is an array, and arrays are mutable. Use List<Integer> instead of 'int[]'
// on: Map<String, int[]> extras,
// expect: error [FanOut/NotSendable] 'Money' is not Sendable, so it cannot be a child's result or part of one: it is neither final nor sealed, so a subclass could add mutable state. Make 'Money' final, or sealed with Sendable permitted subtypes
// on: class Money {
package test;

import dev.fanout.annotation.*;
import java.util.*;

// Every mutable component at once, each on its own line; the open class on its declaration.
class Money {
  final long cents;

  Money(long cents) {
    this.cents = cents;
  }
}

record Order(
    String id,
    Date placed,
    ArrayList<String> lines,
    Map<String, int[]> extras,
    Money total) {}

interface S {
  Order one(String id);

  @FanOut(using = "one")
  List<Order> all(List<String> ids);
}
