// expect: error [FanOut/NotSendable] 'String[]' (result of all) is not Sendable: 'String[]' is an array, and arrays are mutable. Use List<String> instead of 'String[]' (List.of(...) or List.copyOf(...))
// on: List<String[]> all(
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
  String[] one(String id);

  @FanOut(using = "one")
  List<String[]> all(List<String> ids);
}
