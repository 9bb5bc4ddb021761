// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by the method reference 'group::cancel'
// on: Runnable later = group::cancel;
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Later {
  Runnable keep;

  void run() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      Runnable later = group::cancel;
      keep = later;
    }
  }
}
