// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is returned by a lambda
// on: .map(id -> (Object) group)
package test;

import dev.fanout.TaskGroup;
import java.util.List;

class Mapper {
  List<Object> run(List<String> ids) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return ids.stream()
          .map(id -> (Object) group)
          .toList();
    }
  }
}
