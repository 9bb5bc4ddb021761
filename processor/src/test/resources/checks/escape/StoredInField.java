// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is stored in field 'holder', where it can outlive its try block
// on: holder = group;
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Keeper {
  private Object holder;

  void run() {
    try (TaskGroup<String> group = TaskGroup.open()) {
      holder = group;
    }
  }
}
