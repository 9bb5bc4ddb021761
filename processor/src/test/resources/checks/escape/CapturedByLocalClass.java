// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by a local class
// on: group.seal();
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Later {
  void run() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      class Sealer {
        void seal() {
          group.seal();
        }
      }
      new Sealer().seal();
    }
  }
}
