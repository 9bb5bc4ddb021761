// expect: error [FanOut/NotSendable] 'OrderSummary' (result of fetchSummaries) is not Sendable: field 'lines' of 'OrderSummary' has type 'ArrayList<Line>', which is mutable. Declare 'lines' as List<Line> and assign it List.copyOf(...) in the constructor, or, if nothing changes it once it is built, keep a Collections.unmodifiableList view and annotate 'lines' with @AssumeSendable(reason = ...)
// on: List<OrderSummary> fetchSummaries
// expect: error [FanOut/NotSendable] 'lines' makes 'OrderSummary' not Sendable, so it cannot be a child's result or part of one: it has type 'ArrayList<Line>', which is mutable. Declare 'lines' as List<Line>
// on: final ArrayList<Line> lines;
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

record Line(String sku, int quantity) {}

final class OrderSummary {
  final ArrayList<Line> lines;

  OrderSummary(ArrayList<Line> lines) {
    this.lines = lines;
  }
}

interface Orders {
  OrderSummary fetchSummary(String id);

  @FanOut(using = "fetchSummary")
  List<OrderSummary> fetchSummaries(List<String> ids);
}
