// expect: error [FanOut/NotSendable] 'Child' (result of all) is not Sendable: field 'mutable' of 'Base' is not final. Make 'mutable' final
// on: List<Child> all(
// expect: error [FanOut/NotSendable] 'mutable' makes 'Base' not Sendable, so it cannot be a child's result or part of one: it is not final. Make 'mutable' final
// on: String mutable
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

abstract class Base {
  String mutable = "";
}

final class Child extends Base {
  final long id = 1;
}

interface S {
  Child one(String id);

  @FanOut(using = "one")
  List<Child> all(List<String> ids);
}
