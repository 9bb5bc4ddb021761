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

record Money(long cents) {}

interface Repo<V extends Money> {
  V load(String key);

  @FanOut(using = "load")
  List<V> loadAll(List<String> keys);
}
