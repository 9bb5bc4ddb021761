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

record Order(String id) {}

record Page<T>(List<T> items, int next) {}

interface S {
  Page<Order> one(String cursor);

  @FanOut(using = "one")
  List<Page<Order>> all(List<String> cursors);
}
