// expect: error [FanOut/NotSendable] 'V' (result of loadAll) is not Sendable: type variable 'V' has no Sendable bound, so any type could stand for it. Bound the type variable by a Sendable type
// on: List<V> loadAll(
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

interface Repo<V> {
  V load(String key);

  @FanOut(using = "load")
  List<V> loadAll(List<String> keys);
}
