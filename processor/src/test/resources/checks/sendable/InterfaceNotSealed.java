// expect: error [FanOut/NotSendable] 'Shape' (result of all) is not Sendable: 'Shape' is an interface that is not sealed, so any implementation, mutable ones too, could stand for it. Make 'Shape' sealed, permitting only Sendable types such as records
// on: List<Shape> all(
// expect: error [FanOut/NotSendable] 'Shape' is not Sendable, so it cannot be a child's result or part of one: it is an interface that is not sealed
// on: interface Shape {}
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

interface Shape {}

record Circle(double r) implements Shape {}

interface S {
  Shape one(String id);

  @FanOut(using = "one")
  List<Shape> all(List<String> ids);
}
