// options: -Afanout.sendable.strict=true
// expect: error [FanOut/NotSendable] 'List<String>' (result of all) is not Sendable: 'List<String>' may be mutable, and -Afanout.sendable.strict=true accepts only immutable collection types. Use an immutable collection type such as Guava's ImmutableList
// on: List<List<String>> all(
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
  List<String> one(String id);

  @FanOut(using = "one")
  List<List<String>> all(List<String> ids);
}
