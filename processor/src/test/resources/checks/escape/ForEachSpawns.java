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
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(4).open()) {
      ids.forEach(id -> group.spawn(() -> id.toUpperCase()));
      return group.all();
    }
  }
}
