// compilers: javac
// expect: error [FanOut/NotSendable] 'Date' (result of a task spawned here) is not Sendable: Date is mutable
// on: Subtask<Date> when
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

record User(String name) {}

class Profile {
  void run() throws InterruptedException {
    try (TaskGroup<Object> group = TaskGroup.open()) {
      Subtask<User> user = group.spawn(() -> new User("ada"));
      Subtask<List<String>> orders = group.spawn(() -> List.of("o-1"));
      Subtask<Date> when = group.spawn(() -> new Date());
      group.all();
    }
  }
}
