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

interface S {
  List<Order> ordersOf(long user);

  @FanOut(using = "ordersOf")
  Map<Long, List<Order>> ordersOfAll(Set<Long> users);
}
