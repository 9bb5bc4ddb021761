// compilers: javac
// expect: clean
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

class Thumbnails {
  List<String> run(List<String> ids, List<Callable<String>> more) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      ids.stream().filter(id -> !id.isEmpty()).forEach(id -> group.spawn(() -> id));
      more.forEach(group::spawn);
      Optional.of("extra").ifPresent(x -> group.spawn(() -> x));
      return group.all();
    }
  }
}
