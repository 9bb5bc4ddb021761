// expect: error [FanOut/NotSendable] 'Event' (result of all) is not Sendable: component 'at' of 'Event' has type 'Date', which is mutable. Use java.time.Instant for a point in time, or LocalDate, LocalDateTime or ZonedDateTime for a calendar date; they are immutable
// on: List<Event> all(
// expect: error [FanOut/NotSendable] 'at' makes 'Event' not Sendable, so it cannot be a child's result or part of one: it has type 'Date', which is mutable. Use java.time.Instant
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
