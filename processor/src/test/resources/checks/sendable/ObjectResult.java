// expect: error [FanOut/NotSendable] 'Object' (result of first) is not Sendable: Object is mutable. Declare a specific Sendable type instead, such as a record, an enum or a sealed interface of records
// on: Object first(
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
  Object one(String id);

  @FanOut(strategy = Strategy.ANY, using = "one")
  Object first(List<String> ids);
}
