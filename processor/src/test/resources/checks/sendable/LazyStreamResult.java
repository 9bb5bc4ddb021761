// expect: error [FanOut/LazyResult] first(List<String>) returns Stream<String>, which is evaluated lazily
// on: Stream<String> first(
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

interface S {
  Stream<String> one(String id);

  @FanOut(strategy = Strategy.ANY, using = "one")
  Stream<String> first(List<String> ids);
}
