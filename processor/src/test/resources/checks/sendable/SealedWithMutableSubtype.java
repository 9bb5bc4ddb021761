// expect: error [FanOut/NotSendable] 'Shape' (result of all) is not Sendable: 'Shape' permits 'Polygon', 'Polygon' has component 'points' of type 'double[]'
// on: List<Shape> all(
// expect: error [FanOut/NotSendable] 'Polygon' makes 'Shape' (result of all) not Sendable
// on: record Polygon
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

sealed interface Shape permits Circle, Polygon {}

record Circle(double r) implements Shape {}

record Polygon(double[] points) implements Shape {}

interface S {
  Shape one(String id);

  @FanOut(using = "one")
  List<Shape> all(List<String> ids);
}
