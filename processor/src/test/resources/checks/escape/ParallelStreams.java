// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by a lambda in a parallel stream, which runs it on other threads
// on: ids.parallelStream().forEach(
// on: ids.stream().parallel().forEach(
// on: .map(id -> group.spawn(() -> id + "!"))
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.List;

class Spawner {
  List<String> run(List<String> ids) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      ids.parallelStream().forEach(id -> group.spawn(() -> id));
      ids.stream().parallel().forEach(id -> group.spawn(() -> id + "?"));
      List<Subtask<String>> later =
          ids.stream()
              .map(id -> group.spawn(() -> id + "!"))
              .parallel()
              .toList();
      return group.all();
    }
  }
}
