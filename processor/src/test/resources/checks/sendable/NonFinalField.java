// expect: error [FanOut/NotSendable] 'Counter' (result of all) is not Sendable: 'Counter' has non-final field 'count'
// on: List<Counter> all(
// expect: error [FanOut/NotSendable] 'count' makes 'Counter' (result of all) not Sendable
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
