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

record Money(long cents) {}

interface S {
  Optional<Money> price(String sku);

  @FanOut(using = "price")
  Map<String, Optional<Money>> prices(Set<String> skus);
}
