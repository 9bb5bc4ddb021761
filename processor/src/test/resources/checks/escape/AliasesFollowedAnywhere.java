// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is returned, so the group would outlive its try block
// on: case 0 -> group;
// expect: error [FanOut/GroupEscapes] 'closer' (which holds the group 'group') is returned
// on: return closer;
// expect: error [FanOut/GroupEscapes] 'current' (which holds the group 'group') is returned
// on: return current;
// expect: error [FanOut/GroupEscapes] 'later' (which holds the group 'group') is captured by a lambda that may run after the group's try block ends
// on: pool.submit(() -> later.hashCode());
package test;

import dev.fanout.TaskGroup;
import java.util.List;
import java.util.concurrent.ExecutorService;

class Aliases {
  Object bySwitch(int mode) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return switch (mode) {
        case 0 -> group;
        default -> null;
      };
    }
  }

  AutoCloseable byPattern() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      Object handle = group;
      if (handle instanceof AutoCloseable closer) {
        return closer;
      }
      return null;
    }
  }

  Object assignedAfterItsRead(List<String> ids) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      Object current = null;
      for (String id : ids) {
        if (current != null) {
          return current; // read before the assignment below, in source order
        }
        current = group;
      }
      return null;
    }
  }

  void captured(ExecutorService pool) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      Object later = group;
      pool.submit(() -> later.hashCode());
    }
  }
}
