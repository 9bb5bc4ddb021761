// expect: error [FanOut/LazyResult] all(List<String>) returns CompletableFuture<String>
// on: List<CompletableFuture<String>> all(
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
  CompletableFuture<String> one(String id);

  @FanOut(using = "one")
  List<CompletableFuture<String>> all(List<String> ids);
}
