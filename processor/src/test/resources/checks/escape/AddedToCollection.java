// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is put into a collection by add()
// on: all.add(group);
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Keeper {
  void run(List<Object> all) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      all.add(group);
    }
  }
}
