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

enum Status {
  OK,
  FAILED
}

interface S {
  Status check(String host);

  @FanOut(using = "check")
  Map<String, Status> checkAll(List<String> hosts);
}
