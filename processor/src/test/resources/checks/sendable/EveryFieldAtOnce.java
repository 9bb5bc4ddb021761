// expect: error [FanOut/NotSendable] 'Ticket' (result of all) is not Sendable: (1) field 'holder' of 'Ticket' is not final: make 'holder' final; (2) field 'seat' of 'Ticket' is not final: make 'seat' final; (3) field 'updated' of 'Ticket' is not final: make 'updated' final; (4) field 'updated' of 'Ticket' has type 'Date', which is mutable: use java.time.Instant
// on: List<Ticket> all(
// expect: error [FanOut/NotSendable] 'holder' makes 'Ticket' not Sendable, so it cannot be a child's result or part of one: it is not final. Make 'holder' final
// on: String holder;
// expect: error [FanOut/NotSendable] 'seat' makes 'Ticket' not Sendable, so it cannot be a child's result or part of one: it is not final. Make 'seat' final
// on: int seat;
// expect: error [FanOut/NotSendable] 'updated' makes 'Ticket' not Sendable, so it cannot be a child's result or part of one: it is not final, and it has type 'Date', which is mutable. Make 'updated' final; use java.time.Instant for a point in time
// on: Date updated;
// expect: error [FanOut/NotSendable] 'issued' makes 'Ticket' not Sendable, so it cannot be a child's result or part of one: it has type 'Date', which is mutable. Use java.time.Instant for a point in time
// on: final Date issued;
// expect: error [FanOut/NotSendable] 'notes' makes 'Ticket' not Sendable, so it cannot be a child's result or part of one: it has type 'ArrayList<String>', which is mutable. Declare 'notes' as List<String> and assign it List.copyOf(...) in the constructor
// on: final ArrayList<String> notes;
package test;

import dev.fanout.annotation.*;
import java.util.*;

// Every reason is reported in one build, each where it is declared, with the fix that fits it.
final class Ticket {
  String holder;
  int seat;
  Date updated;
  final Date issued;
  final ArrayList<String> notes;

  Ticket(Date issued, ArrayList<String> notes) {
    this.issued = issued;
    this.notes = notes;
  }
}

interface S {
  Ticket one(String id);

  @FanOut(using = "one")
  List<Ticket> all(List<String> ids);
}
