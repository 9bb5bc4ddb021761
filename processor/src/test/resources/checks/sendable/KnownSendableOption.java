// options: -Afanout.knownSendable=test.Legacy
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

class Legacy {
  String mutable;
}

interface S {
  Legacy one(String id);

  @FanOut(using = "one")
  List<Legacy> all(List<String> ids);
}
