// expect: error [FanOut/NotSendable] 'StringBuilder' (result of fastest) is not Sendable: StringBuilder is mutable. Keep its toString(), a String, instead
// on: StringBuilder fastest(
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
  StringBuilder one(String id);

  @FanOut(strategy = Strategy.RACE, using = "one")
  StringBuilder fastest(List<String> ids);
}
