// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is returned, so the group would outlive its try block
// on: return group;
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Helper {
  Object leak(TaskGroup<String> group) {
    return group;
  }
}
