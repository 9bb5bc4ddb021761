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

@AssumeSendable(reason = "every access holds the instance's lock")
final class Cache {
  private final Map<String, String> entries = new HashMap<>();

  synchronized String get(String key) {
    return entries.get(key);
  }
}

interface S {
  Cache one(String id);

  @FanOut(using = "one")
  List<Cache> all(List<String> ids);
}
