// compilers: javac
// expect: error [FanOut/NotSendable] 'ArrayList<String>' (result of a task spawned here) is not Sendable: ArrayList is mutable
// on: group.spawn(() -> new ArrayList<String>())
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Spawner {
  void run() throws InterruptedException {
    try (TaskGroup<Object> group = TaskGroup.open()) {
      group.spawn(() -> new ArrayList<String>());
      group.all();
    }
  }
}
