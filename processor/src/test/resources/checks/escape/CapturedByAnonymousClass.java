// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by an anonymous class
// on: group.cancel();
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Later {
  Runnable run() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return new Runnable() {
        @Override
        public void run() {
          group.cancel();
        }
      };
    }
  }
}
