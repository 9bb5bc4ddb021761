// expect: warning [FanOut/SharedArgument] argument 'log' of type StringBuilder is passed to every child of all
// on:       StringBuilder log);
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
  String one(String id, StringBuilder log);

  @FanOut(using = "one")
  List<String> all(List<String> ids,
      StringBuilder log);
}
