// compilers: javac
// expect: clean
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Thumbnails {
  List<String> run(List<String> ids) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      spawnAll(group, ids);
      return group.all();
    }
  }

  private static void spawnAll(TaskGroup<String> group, List<String> ids) {
    for (String id : ids) {
      group.spawn(() -> id);
    }
  }
}
