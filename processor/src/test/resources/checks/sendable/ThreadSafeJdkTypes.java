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

record Stats(ConcurrentHashMap<String, Long> counts, AtomicLong total, LongAdder hits) {}

interface S {
  Stats one(String id);

  @FanOut(using = "one")
  List<Stats> all(List<String> ids);
}
