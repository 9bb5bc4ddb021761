// expect: error [FanOut/NotSendable] 'List' (result of all) is not Sendable: 'List' is a raw type, so nothing is known of its elements. Write its type arguments, as in 'List<...>'
// on: List<List> all(
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

@SuppressWarnings("rawtypes")
interface S {
  List one(String id);

  @FanOut(using = "one")
  List<List> all(List<String> ids);
}
