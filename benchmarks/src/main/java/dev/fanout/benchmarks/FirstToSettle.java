package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * race() as executor users write it: an ExecutorCompletionService's first completion, then
 * cancel(true) for the rest (which interrupts FutureTask-based tasks).
 */
final class FirstToSettle {
  private FirstToSettle() {}

  static Integer on(ExecutorService executor, List<Callable<Integer>> tasks) throws Exception {
    ExecutorCompletionService<Integer> completion = new ExecutorCompletionService<>(executor);
    List<Future<Integer>> futures = new ArrayList<>();
    for (Callable<Integer> task : tasks) {
      futures.add(completion.submit(task));
    }
    try {
      return completion.take().get();
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
  }
}
