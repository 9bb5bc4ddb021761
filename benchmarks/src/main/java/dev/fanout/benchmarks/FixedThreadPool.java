package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What a Java 17 user writes: a long-lived fixed pool of platform threads with invokeAll. Sized
 * {@value #THREADS} threads by default, a common choice for I/O-bound work; a concurrency limit
 * below the pool's size is applied with a semaphore like the others.
 */
final class FixedThreadPool implements Contender {
  static final int THREADS = 256;

  private final int threads;
  private final ExecutorService pool;

  FixedThreadPool() {
    this(THREADS);
  }

  FixedThreadPool(int threads) {
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  @Override
  public String name() {
    return "fixed platform pool (" + threads + ")";
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception {
    // At or above the pool's size the pool is the limit: a semaphore would only add cost.
    List<Callable<Integer>> bounded =
        concurrency >= threads ? tasks : Limits.bounded(tasks, concurrency);
    List<Integer> results = new ArrayList<>(tasks.size());
    for (Future<Integer> future : pool.invokeAll(bounded)) {
      results.add(future.get());
    }
    return results;
  }

  @Override
  public Integer race(List<Callable<Integer>> tasks) throws Exception {
    return FirstToSettle.on(pool, tasks);
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) throws Exception {
    return pool.invokeAny(tasks);
  }

  @Override
  public void shutdown() {
    pool.shutdownNow();
  }
}
