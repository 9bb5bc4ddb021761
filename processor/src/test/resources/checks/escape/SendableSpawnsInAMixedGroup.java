// compilers: javac
// expect: clean
package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.Supplier;

record User(String name) {}

record Order(String id) {}

class Profile {
  String run() throws InterruptedException {
    try (TaskGroup<Object> group = TaskGroup.builder().name("profile").open()) {
      Subtask<User> user = group.spawn(() -> new User("ada"));
      Subtask<List<Order>> orders = group.spawn(() -> List.of(new Order("o-1")));
      group.all();
      return user.get().name() + orders.get().size();
    }
  }
}
