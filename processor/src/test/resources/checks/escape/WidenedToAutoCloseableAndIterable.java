// compilers: javac
// expect: error [FanOut/GroupEscapes] 'closer' (which holds the group 'group') is put into a collection by add()
// on: closers.add(closer);
// expect: error [FanOut/GroupEscapes] 'tasks' (which holds the group 'group') is returned
// on: return tasks;
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.List;

class Widening {
  Iterable<Subtask<String>> run(List<AutoCloseable> closers) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      AutoCloseable closer = group;
      closers.add(closer);
      Iterable<Subtask<String>> tasks = (Iterable<Subtask<String>>) group;
      return tasks;
    }
  }
}
