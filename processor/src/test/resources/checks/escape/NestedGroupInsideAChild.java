// compilers: javac
// expect: clean
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Pages {
  List<String> run(List<String> pages) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      for (String page : pages) {
        group.spawn(
            () -> {
              try (TaskGroup<String> parts = TaskGroup.open()) {
                parts.spawn(() -> page + "#header");
                parts.spawn(() -> page + "#body");
                return String.join(",", parts.all());
              }
            });
      }
      return group.all();
    }
  }
}
