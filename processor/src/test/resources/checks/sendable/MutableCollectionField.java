// expect: error [FanOut/NotSendable] 'OrderSummary' (result of fetchSummaries) is not Sendable: 'OrderSummary' has field 'lines' of type 'ArrayList<Line>', ArrayList is mutable. Use List.copyOf / an immutable type, or annotate with @AssumeSendable(reason = ...).
// on: List<OrderSummary> fetchSummaries
// expect: error [FanOut/NotSendable] 'lines' makes 'OrderSummary' (result of fetchSummaries) not Sendable
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
