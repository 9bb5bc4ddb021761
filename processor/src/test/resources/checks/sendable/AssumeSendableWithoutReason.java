// expect: error [FanOut/AssumeSendableNeedsReason] @AssumeSendable on 'Cache' has an empty reason
// on: reason = ""
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

@AssumeSendable(
    reason = "")
final class Cache {
  final Map<String, String> entries = new HashMap<>();
}
