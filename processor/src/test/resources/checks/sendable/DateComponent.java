// expect: error [FanOut/NotSendable] 'Event' (result of all) is not Sendable: 'Event' has component 'at' of type 'Date', Date is mutable
// on: List<Event> all(
// expect: error [FanOut/NotSendable] 'Event' makes 'Event' (result of all) not Sendable
// on: record Event
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

record Event(String name, Date at) {}

interface S {
  Event one(String id);

  @FanOut(using = "one")
  List<Event> all(List<String> ids);
}
