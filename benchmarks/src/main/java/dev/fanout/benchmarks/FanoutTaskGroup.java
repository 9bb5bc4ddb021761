package dev.fanout.benchmarks;

import dev.fanout.TaskGroup;
import java.util.List;
import java.util.concurrent.Callable;

/** Fanout's TaskGroup, used by hand. */
final class FanoutTaskGroup implements Contender {
  @Override
  public String name() {
    return "Fanout TaskGroup";
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception {
    try (TaskGroup<Integer> group = TaskGroup.builder().concurrency(concurrency).open()) {
      for (Callable<Integer> task : tasks) {
        group.spawn(task);
      }
      return group.all();
    }
  }

  @Override
  public Integer race(List<Callable<Integer>> tasks) throws Exception {
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      tasks.forEach(group::spawn);
      return group.race();
    }
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) throws Exception {
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      tasks.forEach(group::spawn);
      return group.any();
    }
  }
}
