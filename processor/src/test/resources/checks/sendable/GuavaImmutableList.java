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
  com.google.common.collect.ImmutableList<String> tags(String id);

  @FanOut(using = "tags", concurrency = 4)
  List<com.google.common.collect.ImmutableList<String>> allTags(List<String> ids);
}
