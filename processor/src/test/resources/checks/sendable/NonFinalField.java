// expect: error [FanOut/NotSendable] 'Counter' (result of all) is not Sendable: field 'count' of 'Counter' is not final. Make 'count' final
// on: List<Counter> all(
// expect: error [FanOut/NotSendable] 'count' makes 'Counter' not Sendable, so it cannot be a child's result or part of one: it is not final. Make 'count' final
// on: int count;
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

final class Counter {
  int count;
}

interface S {
  Counter one(String id);

  @FanOut(using = "one")
  List<Counter> all(List<String> ids);
}
