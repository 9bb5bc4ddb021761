// expect: error [FanOut/NotSendable] 'Box<StringBuilder>' (result of all) is not Sendable: 'Box' has component 'value' of type 'StringBuilder', StringBuilder is mutable
// on: List<Box<StringBuilder>> all(
// expect: error [FanOut/NotSendable] 'Box' makes 'Box<StringBuilder>' (result of all) not Sendable
// on: record Box
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

record Box<T>(T value) {}

interface S {
  Box<StringBuilder> one(String id);

  @FanOut(using = "one")
  List<Box<StringBuilder>> all(List<String> ids);
}
