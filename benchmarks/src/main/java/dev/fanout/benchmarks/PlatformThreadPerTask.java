package dev.fanout.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The unbounded floor on platform threads: a new platform thread per task, started and joined by
 * hand, as a Java 17 user without a pool would write it. Only {@link #all} is measured (by {@link
 * PlatformThreadsScenario}); race and any are left out rather than written for nobody.
 */
final class PlatformThreadPerTask implements Contender {
  @Override
  public String name() {
    return "new platform thread per task";
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception {
    List<Callable<Integer>> bounded = Limits.bounded(tasks, concurrency);
    Integer[] results = new Integer[bounded.size()];
    Thread[] threads = new Thread[bounded.size()];
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (int i = 0; i < threads.length; i++) {
      int index = i;
      Callable<Integer> task = bounded.get(i);
      threads[i] =
          new Thread(
              () -> {
                try {
                  results[index] = task.call();
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              });
      threads[i].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return Arrays.asList(results);
  }

  @Override
  public Integer race(List<Callable<Integer>> tasks) {
    throw new UnsupportedOperationException(name() + ": only all() is measured");
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) {
    throw new UnsupportedOperationException(name() + ": only all() is measured");
  }
}
