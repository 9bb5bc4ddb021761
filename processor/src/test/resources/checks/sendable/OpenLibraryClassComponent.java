// expect: error [FanOut/NotSendable] 'Report' (result of all) is not Sendable: component 'format' of 'Report' has type 'NumberFormat', which is neither final nor sealed, so a subclass could add mutable state. Use a Sendable type instead of 'NumberFormat'
// on: List<Report> all(
// expect: error [FanOut/NotSendable] 'format' makes 'Report' not Sendable, so it cannot be a child's result or part of one: it has type 'NumberFormat', which is neither final nor sealed, so a subclass could add mutable state. Use a Sendable type instead of 'NumberFormat'
// on: NumberFormat format)
package test;

import dev.fanout.annotation.*;
import java.text.NumberFormat;
import java.util.*;

// The open class is the JDK's, so the component that holds it is to blame, not the class.
record Report(
    String title,
    NumberFormat format) {}

interface S {
  Report one(String id);

  @FanOut(using = "one")
  List<Report> all(List<String> ids);
}
