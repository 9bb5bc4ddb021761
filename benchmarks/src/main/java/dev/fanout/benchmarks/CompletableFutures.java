package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CompletableFuture.supplyAsync on a virtual-thread executor with allOf / anyOf. Note what it
 * cannot do: cancel(true) does not interrupt a running task, so losers run to the end.
 */
final class CompletableFutures implements Contender {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @Override
  public String name() {
    return "CompletableFuture";
  }

  private CompletableFuture<Integer> async(Callable<Integer> task) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return task.call();
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) {
    List<CompletableFuture<Integer>> futures = new ArrayList<>(tasks.size());
    for (Callable<Integer> task : Limits.bounded(tasks, concurrency)) {
      futures.add(async(task));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    List<Integer> results = new ArrayList<>(futures.size());
    for (CompletableFuture<Integer> future : futures) {
      results.add(future.join());
    }
    return results;
  }

  @Override
  public Integer race(List<Callable<Integer>> tasks) {
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (Callable<Integer> task : tasks) {
      futures.add(async(task));
    }
    try {
      return (Integer) CompletableFuture.anyOf(futures.toArray(new CompletableFuture<?>[0])).join();
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) {
    CompletableFuture<Integer> firstSuccess = new CompletableFuture<>();
    AtomicInteger failures = new AtomicInteger();
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (Callable<Integer> task : tasks) {
      futures.add(
          async(task)
              .whenComplete(
                  (value, error) -> {
                    if (error == null) {
                      firstSuccess.complete(value);
                    } else if (failures.incrementAndGet() == tasks.size()) {
                      firstSuccess.completeExceptionally(error);
                    }
                  }));
    }
    try {
      return firstSuccess.join();
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
  }

  @Override
  public void shutdown() {
    executor.shutdownNow();
  }
}
