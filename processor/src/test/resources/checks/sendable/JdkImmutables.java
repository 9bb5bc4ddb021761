// expect: clean
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

record Snapshot(
    Instant at,
    Duration took,
    LocalDate day,
    BigDecimal amount,
    UUID id,
    URI uri,
    Path path,
    Pattern pattern,
    Locale locale) {}

interface S {
  Snapshot one(String id);

  @FanOut(using = "one")
  List<Snapshot> all(List<String> ids);
}
