// compilers: javac
// expect: error [FanOut/GroupEscapes] local variable 'all' of type TaskGroup<?>[] holds TaskGroups in a container
// on: TaskGroup<?>[] all
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Arrays {
  void run() {
    TaskGroup<?>[] all = new TaskGroup<?>[1];
  }
}
