// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by a lambda in a stream that Fanout cannot see to be sequential (it comes from 'ids')
// on: ids.forEach(id -> group.spawn(() -> id));
package test;

import dev.fanout.TaskGroup;
import java.util.List;
import java.util.stream.Stream;

class Unknown {
  List<String> run(Stream<String> ids, Stream<String> more) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      ids.forEach(id -> group.spawn(() -> id));
      more.sequential().forEach(id -> group.spawn(() -> id)); // made sequential: allowed
      return group.all();
    }
  }
}
