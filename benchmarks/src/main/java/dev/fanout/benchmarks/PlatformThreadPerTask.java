package dev.fanout.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;

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
    return RawVirtualThreads.onThreadPerTask(
        tasks,
        concurrency,
        body -> {
          Thread thread = new Thread(body);
          thread.start();
          return thread;
        });
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
