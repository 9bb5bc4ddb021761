package dev.fanout.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** The floor for one thread per task: Thread.ofVirtual().start per task, then join. */
final class RawVirtualThreads implements Contender {
  @Override
  public String name() {
    return "raw virtual threads";
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception {
    return onThreadPerTask(tasks, concurrency, body -> Thread.ofVirtual().start(body));
  }

  /**
   * Every result in input order, each task on a thread of its own that {@code start} makes and
   * starts, joined by hand: the thread-per-task floor, shared with {@link PlatformThreadPerTask}.
   */
  static List<Integer> onThreadPerTask(
      List<Callable<Integer>> tasks, int concurrency, Function<Runnable, Thread> start)
      throws Exception {
    List<Callable<Integer>> bounded = Limits.bounded(tasks, concurrency);
    Integer[] results = new Integer[bounded.size()];
    Thread[] threads = new Thread[bounded.size()];
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (int i = 0; i < threads.length; i++) {
      int index = i;
      Callable<Integer> task = bounded.get(i);
      threads[i] =
          start.apply(
              () -> {
                try {
                  results[index] = task.call();
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              });
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
  public Integer race(List<Callable<Integer>> tasks) throws Exception {
    return first(tasks, false);
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) throws Exception {
    return first(tasks, true);
  }

  private Integer first(List<Callable<Integer>> tasks, boolean successOnly) throws Exception {
    BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(tasks.size());
    Thread[] threads = new Thread[tasks.size()];
    for (int i = 0; i < threads.length; i++) {
      Callable<Integer> task = tasks.get(i);
      threads[i] =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      outcomes.add(task.call());
                    } catch (Exception e) {
                      outcomes.add(e);
                    }
                  });
    }
    try {
      Exception last = null;
      for (int settled = 0; settled < threads.length; settled++) {
        Object outcome = outcomes.take();
        if (outcome instanceof Integer) {
          return (Integer) outcome;
        }
        last = (Exception) outcome;
        if (!successOnly) {
          throw last;
        }
      }
      throw last;
    } finally {
      for (Thread thread : threads) {
        thread.interrupt(); // cancel the losers; like most hand-written code, without joining them
      }
    }
  }
}
