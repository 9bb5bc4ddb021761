// expect: error [FanOut/NotSendable] 'Money' (result of all) is not Sendable: 'Money' is neither final nor sealed, so a subclass could add mutable state. Make 'Money' final, or sealed with Sendable permitted subtypes
// on: List<Money> all(
// expect: error [FanOut/NotSendable] 'Money' is not Sendable, so it cannot be a child's result or part of one: it is neither final nor sealed, so a subclass could add mutable state. Make 'Money' final, or sealed with Sendable permitted subtypes
// on: class Money {
package test;

import dev.fanout.annotation.*;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.Pattern;
import java.util.stream.Stream;

class Money {
  final long cents;

  Money(long cents) {
    this.cents = cents;
  }
}

interface S {
  Money one(String id);

  @FanOut(using = "one")
  List<Money> all(List<String> ids);
}
