// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by a lambda passed to map(), which runs it only when a terminal operation consumes the stream, and none does in this expression
// on: return ids.stream().map(id -> group.spawn(() -> id));
// expect: error [FanOut/GroupEscapes] 'group' is captured by the method reference 'group::spawn' passed to map(), which runs it only when a terminal operation consumes the stream, and the stream is handed on through iterator()
// on: return calls.stream().map(group::spawn).iterator();
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

class Lazy {
  Stream<Subtask<String>> run(List<String> ids) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return ids.stream().map(id -> group.spawn(() -> id));
    }
  }

  Iterator<Subtask<String>> later(List<Callable<String>> calls) {
    try (TaskGroup<String> group = TaskGroup.open()) {
      return calls.stream().map(group::spawn).iterator();
    }
  }
}
