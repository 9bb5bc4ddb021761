// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by a lambda that may run after the group's try block ends
// on: pool.submit(() -> group.cancel())
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Later {
  void run(ExecutorService pool) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      pool.submit(() -> group.cancel());
    }
  }
}
