// compilers: javac
// expect: error [FanOut/GroupEscapes] this TaskGroup is not opened as a try-with-resources resource
// on: TaskGroup.open();
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Leaky {
  void run() throws InterruptedException {
    TaskGroup<String> group = TaskGroup.open();
    group.spawn(() -> "x");
    group.all();
    group.close();
  }
}
