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

abstract class Base {
  final String id;

  Base(String id) {
    this.id = id;
  }
}

final class Product extends Base {
  final long cents;

  Product(String id, long cents) {
    super(id);
    this.cents = cents;
  }
}

interface S {
  Product one(String id);

  @FanOut(using = "one")
  List<Product> all(List<String> ids);
}
