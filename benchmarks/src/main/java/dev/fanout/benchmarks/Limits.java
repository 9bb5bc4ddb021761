package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** How users bound concurrency with tools that have no limit of their own: a semaphore. */
final class Limits {
  private Limits() {}

  static List<Callable<Integer>> bounded(List<Callable<Integer>> tasks, int concurrency) {
    if (concurrency <= 0) {
      return tasks;
    }
    Semaphore permits = new Semaphore(concurrency);
    List<Callable<Integer>> bounded = new ArrayList<>(tasks.size());
    for (Callable<Integer> task : tasks) {
      bounded.add(
          () -> {
            permits.acquire();
            try {
              return task.call();
            } finally {
              permits.release();
            }
          });
    }
    return bounded;
  }
}
