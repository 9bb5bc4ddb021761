package dev.fanout.benchmarks;

import dev.fanout.TaskGroup;
import dev.fanout.annotation.AssumeSendable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * Memory of a discarding group: N trivial tasks spawned into a {@code discarding()} group at
 * concurrency {@value #CONCURRENCY} and queueLimit {@value #QUEUE_LIMIT}, then {@code
 * awaitCompletion()}. Retained = heap right after awaitCompletion(), before close(), minus heap
 * before the group opened, both after full collections; measured at two N.
 *
 * <p>Why: a discarding group promises O(concurrency + queue) memory however many tasks pass
 * through it, which is what makes it fit a fan-out over millions of items. So the retained heap
 * must be flat in N (target: the two N differ by less than 8 MB), and it is measured before
 * close() because an owner may keep the group open long after its tasks are done. The variant
 * whose tasks return a 512-byte array tells whether results are dropped: kept, they would cost
 * over 500 bytes per task. Only Fanout is measured: no contender has a discarding mode.
 */
final class DiscardingMemoryScenario {
  private static final int CONCURRENCY = 8;
  /** Makes spawn() block the owner, which would otherwise outrun 8 children and queue all N. */
  private static final int QUEUE_LIMIT = 64;

  private static final double TARGET_MB = 8;

  /**
   * What a task returns: a new object per task, so a group that kept results would show it. A
   * sealed type, because a spawned task's result must be Sendable (checked at compile time).
   */
  private sealed interface Result {}

  private record Small(int value) implements Result {}

  private record Bytes(
      @AssumeSendable(reason = "filled before the task returns and never read: the group drops it")
          byte[] bytes)
      implements Result {}

  /** A kind of task; every task gets its own callable, so a kept callable shows too. */
  private record Variant(String result, IntFunction<Callable<Result>> task) {}

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant("a record of an int", i -> () -> new Small(i)),
          new Variant("a 512-byte array (in a record)", i -> () -> new Bytes(new byte[512])));

  void run(Settings settings, PrintStream out) throws Exception {
    int few = settings.discardedTasks().get(0);
    int many = settings.discardedTasks().get(1);
    int rounds = Math.max(1, settings.rounds() / 5);
    Table table =
        new Table(
            String.format(
                Locale.ROOT,
                "Memory of a discarding group: concurrency %d, queueLimit %d, heap retained after"
                    + " awaitCompletion() (target: %,d tasks retain under %.0f MB more than %,d)",
                CONCURRENCY,
                QUEUE_LIMIT,
                many,
                TARGET_MB,
                few),
            "task result",
            "tasks",
            "retained MB after awaitCompletion(), median (p25-p75)",
            "bytes per task",
            String.format(Locale.ROOT, "MB more than at %,d tasks, median (p25-p75)", few));
    for (Variant variant : VARIANTS) {
      // Warm-up, discarded: class loading and first-call allocations must not count as retained.
      retainedBytes(variant, few);
      List<Double> atFew = new ArrayList<>();
      List<Double> atMany = new ArrayList<>();
      List<Double> growth = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        // Alternating which N goes first, so drift between the two does not favour one.
        boolean fewFirst = round % 2 == 0;
        double first = retainedBytes(variant, fewFirst ? few : many);
        double second = retainedBytes(variant, fewFirst ? many : few);
        atFew.add(fewFirst ? first : second);
        atMany.add(fewFirst ? second : first);
        growth.add(megabytes(atMany.get(round) - atFew.get(round)));
      }
      table.row(
          variant.result(),
          String.format(Locale.ROOT, "%,d", few),
          megabytes(atFew),
          bytesPerTask(atFew, few),
          "");
      table.row(
          variant.result(),
          String.format(Locale.ROOT, "%,d", many),
          megabytes(atMany),
          bytesPerTask(atMany, many),
          Rounds.summary(growth, 2));
    }
    table.print(out);
  }

  private static double retainedBytes(Variant variant, int n) throws Exception {
    long before = Heap.usedAfterGc();
    try (TaskGroup<Result> group =
        TaskGroup.builder().concurrency(CONCURRENCY).queueLimit(QUEUE_LIMIT).discarding().open()) {
      for (int i = 0; i < n; i++) {
        group.spawn(variant.task().apply(i));
      }
      group.awaitCompletion();
      return Heap.usedAfterGc() - before; // the group still open: close() may release more
    }
  }

  private static String megabytes(List<Double> bytes) {
    List<Double> mb = new ArrayList<>();
    bytes.forEach(b -> mb.add(megabytes(b)));
    return Rounds.summary(mb, 2);
  }

  private static double megabytes(double bytes) {
    return bytes / (1 << 20);
  }

  private static String bytesPerTask(List<Double> retained, int n) {
    return String.format(Locale.ROOT, "%.1f", Rounds.percentile(retained, 0.5) / n);
  }
}
