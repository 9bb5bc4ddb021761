package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Executors.newVirtualThreadPerTaskExecutor() with invokeAll / invokeAny, closed per call. */
final class VirtualThreadExecutor implements Contender {
  @Override
  public String name() {
    return "virtual-thread executor";
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Integer> results = new ArrayList<>(tasks.size());
      for (Future<Integer> future : executor.invokeAll(Limits.bounded(tasks, concurrency))) {
        results.add(future.get());
      }
      return results;
    }
  }

  @Override
  public Integer race(List<Callable<Integer>> tasks) throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      return FirstToSettle.on(executor, tasks);
    }
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      return executor.invokeAny(tasks);
    }
  }
}
