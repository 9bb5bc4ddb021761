package dev.fanout.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK's StructuredTaskScope (JDK 25, preview): compiled and loaded only under the
 * {@code structured} profile, which adds --enable-preview.
 */
final class StructuredScope implements Contender {
  @Override
  public String name() {
    return "StructuredTaskScope (JDK 25 preview)";
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception {
    try (var scope = StructuredTaskScope.open(Joiner.<Integer>allSuccessfulOrThrow())) {
      for (Callable<Integer> task : Limits.bounded(tasks, concurrency)) {
        scope.fork(task);
      }
      return scope.join().map(Subtask::get).toList();
    }
  }

  /** Cancels the scope once the first subtask settles, and returns that one's outcome. */
  private static final class FirstSettled implements Joiner<Integer, Integer> {
    private final AtomicReference<Subtask<? extends Integer>> first = new AtomicReference<>();

    @Override
    public boolean onComplete(Subtask<? extends Integer> subtask) {
      first.compareAndSet(null, subtask);
      return true;
    }

    @Override
    public Integer result() throws Throwable {
      Subtask<? extends Integer> winner = first.get();
      if (winner.state() == Subtask.State.SUCCESS) {
        return winner.get();
      }
      throw winner.exception();
    }
  }

  @Override
  public Integer race(List<Callable<Integer>> tasks) throws Exception {
    try (var scope = StructuredTaskScope.open(new FirstSettled())) {
      tasks.forEach(scope::fork);
      return scope.join();
    }
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) throws Exception {
    try (var scope = StructuredTaskScope.open(Joiner.<Integer>anySuccessfulResultOrThrow())) {
      tasks.forEach(scope::fork);
      return scope.join();
    }
  }
}
