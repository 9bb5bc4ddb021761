// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by a child task: a child must not spawn into or wait on its parent's group
// on: group.spawn(() -> "grandchild")
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Parent {
  void run() throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            group.spawn(() -> "grandchild");
            return "child";
          });
      group.all();
    }
  }
}
