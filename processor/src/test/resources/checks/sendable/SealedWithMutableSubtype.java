// expect: error [FanOut/NotSendable] 'Shape' (result of all) is not Sendable: component 'points' of 'Polygon' has type 'double[]', which is an array, and arrays are mutable. Use List<Double> instead of 'double[]' (List.of(...) or List.copyOf(...)), or, if nothing writes to the array once it is shared, annotate 'points' with @AssumeSendable(reason = ...)
// on: List<Shape> all(
// expect: error [FanOut/NotSendable] 'points' makes 'Polygon' not Sendable, so it cannot be a child's result or part of one: it has type 'double[]', which is an array
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
