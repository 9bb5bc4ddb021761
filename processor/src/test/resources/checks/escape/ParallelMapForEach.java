// compilers: javac
// expect: error [FanOut/GroupEscapes] 'group' is captured by a lambda in ConcurrentHashMap.forEach(parallelismThreshold, ...), which runs it on other threads
// on: prices.forEach(1, (id, price) -> group.spawn(() -> id + price));
package test;

import dev.fanout.TaskGroup;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

class Prices {
  List<String> run(ConcurrentHashMap<String, Integer> prices) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      prices.forEach(1, (id, price) -> group.spawn(() -> id + price));
      prices.forEach((id, price) -> group.spawn(() -> id + price)); // sequential: allowed
      return group.all();
    }
  }
}
