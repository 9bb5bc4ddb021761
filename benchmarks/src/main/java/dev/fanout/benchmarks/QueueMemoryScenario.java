package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Memory of a queue: N tasks spawned under concurrency 10, all held at a gate, so that N - 10 of
 * them wait. Retained heap per pending task = (heap with them pending - heap before) / N, both
 * measured after full collections. The tasks themselves exist in both measurements.
 */
final class QueueMemoryScenario {
  private static final int LIMIT = 10;

  void run(List<Contender> contenders, Settings settings, PrintStream out) throws Exception {
    int n = settings.queuedTasks();
    Rounds rounds =
        new Rounds(contenders).run(0, Math.max(1, settings.rounds() / 5), (c, recorded) -> bytesPerPendingTask(c, n));
    Table table =
        new Table(
            String.format(Locale.ROOT, "Memory of a queue: %,d tasks under concurrency %d, gated", n, LIMIT),
            "implementation",
            "retained bytes per pending task, median (p25-p75)");
    for (Contender contender : contenders) {
      table.row(contender.name(), Rounds.summary(rounds.samples(contender.name()), 0));
    }
    table.print(out);
  }

  private double bytesPerPendingTask(Contender contender, int n) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Callable<Integer>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int value = i;
      tasks.add(
          () -> {
            gate.await();
            return value;
          });
    }
    long before = Heap.usedAfterGc();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                contender.all(tasks, LIMIT);
              } catch (Exception e) {
                failure.set(e);
              }
            });
    caller.start();
    awaitSettledIntoWaiting(caller);
    long pending = Heap.usedAfterGc();
    gate.countDown();
    caller.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return (double) (pending - before) / n;
  }

  /** Until the caller has spawned everything and blocks in its wait (WAITING for a while). */
  private static void awaitSettledIntoWaiting(Thread caller) throws InterruptedException {
    int quiet = 0;
    while (quiet < 5) {
      Thread.sleep(20); // sampling the caller's state; spawning 1M tasks takes a while
      Thread.State state = caller.getState();
      quiet = (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) ? quiet + 1 : 0;
    }
  }
}
