// expect: error [FanOut/NotSendable] 'Optional<Date>' (result of all) is not Sendable: 'Optional<Date>' holds 'Date', which is mutable. Use java.time.Instant
// on: List<Optional<Date>> all(
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
  Optional<Date> one(String id);

  @FanOut(using = "one")
  List<Optional<Date>> all(List<String> ids);
}
