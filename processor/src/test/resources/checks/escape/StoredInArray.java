// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is stored in an array
// on: slots[0] = group;
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Keeper {
  void run(Object[] slots) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      slots[0] = group;
    }
  }
}
