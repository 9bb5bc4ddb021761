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

sealed interface Shape permits Circle, Square {}

record Circle(double r) implements Shape {}

record Square(double side) implements Shape {}

interface S {
  Shape one(String id);

  @FanOut(strategy = Strategy.RACE, using = "one")
  Shape fastest(List<String> ids);
}
