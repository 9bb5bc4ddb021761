// compilers: javac
// expect: clean
package test;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

class StaysInside {
  List<String> run(List<String> ids, Map<String, List<String>> parts) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      TaskGroup<String> same = group; // an alias of the same type, declared in the block
      Object handle = group; // widened, but only compared and printed
      AutoCloseable closer = (AutoCloseable) handle;
      if (handle == same && handle.equals(closer)) {
        System.out.println("group " + handle + " " + Objects.hashCode(closer));
      }
      assertNotNull(handle);
      if (ids.contains(handle) || parts.containsValue(group)) {
        throw new IllegalStateException("a group is no id: " + group);
      }
      Objects.requireNonNull(group, "group").spawn(() -> "first");
      if (handle instanceof TaskGroup<?> again) {
        again.size();
      }
      spawnAll(same, ids); // a borrow
      sizeOf((TaskGroup<?>) handle); // cast back, then borrowed
      for (Subtask<String> task : group) {
        task.toString();
      }
      IntStream.range(0, 3).forEach(i -> group.spawn(() -> "n" + i));
      Arrays.stream(new String[] {"a"}).map(String::trim).forEach(s -> same.spawn(() -> s));
      ids.stream()
          .flatMap(id -> parts.getOrDefault(id, List.of()).stream().map(p -> group.spawn(() -> p)))
          .toList();
      Map<String, Subtask<String>> byId =
          ids.stream().collect(Collectors.toMap(id -> id, id -> group.spawn(() -> id)));
      ids.parallelStream().map(String::trim).sequential().forEach(id -> group.spawn(() -> id));
      Stream.of("p", "q").map(p -> group.spawn(() -> p)).toList();
      return group.all();
    }
  }

  private static int sizeOf(TaskGroup<?> group) {
    return group.size();
  }

  private static void spawnAll(TaskGroup<String> group, List<String> ids) {
    Object self = group;
    ids.forEach(id -> System.out.println(id + self));
    ids.forEach(id -> group.spawn(() -> id));
  }
}
