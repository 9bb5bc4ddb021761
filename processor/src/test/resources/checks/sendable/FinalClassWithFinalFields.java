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

final class Point {
  final int x;
  final String label;

  Point(int x, String label) {
    this.x = x;
    this.label = label;
  }
}

interface S {
  Point one(String id);

  @FanOut(using = "one")
  List<Point> all(List<String> ids);
}
