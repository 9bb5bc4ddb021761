// compilers: javac
// expect: clean
package test;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupException;

class SynchronousTestAssertions {
  void run() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            throw new IllegalStateException("boom");
          });
      assertThrows(TaskGroupException.class, group::all); // runs group.all() right here
      assertThrows(TaskGroupException.class, () -> group.all());
    }
  }
}
