// compilers: javac
// expect: error [FanOut/GroupEscapes] field 'kept' of type TaskGroup<String> would let a TaskGroup outlive the try block that owns it
// on: private TaskGroup<String> kept;
// expect: error [FanOut/GroupEscapes] 'group' is captured by a lambda that may run after the group's try block ends
// on: pool.submit(() -> group.cancel());
// expect: error [FanOut/GroupEscapes] 'group' is returned, so the group would outlive its try block
// on: return group;
package test;

import dev.fanout.TaskGroup;
import java.util.concurrent.ExecutorService;

class Everything {
  private TaskGroup<String> kept;

  void run(ExecutorService pool) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      pool.submit(() -> group.cancel());
    }
  }

  Object leak() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return group;
    }
  }
}
