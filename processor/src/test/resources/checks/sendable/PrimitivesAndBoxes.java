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

interface S {
  int length(String id);

  @FanOut(using = "length")
  List<Integer> lengths(List<String> ids);

  long size(String id);

  @FanOut(strategy = Strategy.ANY, using = "size")
  Long anySize(List<String> ids);
}
