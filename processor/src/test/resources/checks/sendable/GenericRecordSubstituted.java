// expect: error [FanOut/NotSendable] 'Box<StringBuilder>' (result of all) is not Sendable: component 'value' of 'Box' has type 'StringBuilder', which is mutable. Keep its toString(), a String, instead
// on: List<Box<StringBuilder>> all(
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

// The type argument is to blame, not the record: nothing is reported on Box.
record Box<T>(T value) {}

interface S {
  Box<StringBuilder> one(String id);

  @FanOut(using = "one")
  List<Box<StringBuilder>> all(List<String> ids);
}
