// expect: error [FanOut/GroupEscapes] method 'openGroup' returns TaskGroup<String>, so a TaskGroup would escape
// on: static TaskGroup<String> openGroup()
// expect: error [FanOut/GroupEscapes] 'group' is returned, so the group would outlive its try block
// on: return group;
// compilers: javac
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Factory {
  static TaskGroup<String> openGroup() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return group;
    }
  }
}
