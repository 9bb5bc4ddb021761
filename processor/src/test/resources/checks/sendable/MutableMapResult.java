// expect: error [FanOut/NotSendable] 'HashMap<String,String>' (result of all) is not Sendable: HashMap is mutable. Use Map<String, String> made with Map.copyOf(...) instead
// on: List<HashMap<String, String>> all(
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
  HashMap<String, String> one(String id);

  @FanOut(using = "one")
  List<HashMap<String, String>> all(List<String> ids);
}
