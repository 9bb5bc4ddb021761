// compilers: javac
// expect: error [FanOut/GroupEscapes] this TaskGroup is not opened as a try-with-resources resource
// on: .concurrency(2).open()
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Leaky {
  void run() {
    TaskGroup<String> group = TaskGroup.builder().concurrency(2).open();
    group.close();
  }
}
