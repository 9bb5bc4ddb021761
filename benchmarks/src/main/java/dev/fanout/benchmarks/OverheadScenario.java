package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Overhead: all() of N trivial tasks. Reports nanoseconds and bytes allocated per task; bytes come
 * from the JVM's per-thread allocation counters, which carriers of virtual threads feed too.
 */
final class OverheadScenario {
  static final int[] SIZES = {1, 10, 100, 1_000, 10_000};

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  void run(List<Contender> contenders, Settings settings, PrintStream out) throws Exception {
    String baseline = contenders.get(0).name();
    for (int n : SIZES) {
      List<Callable<Integer>> tasks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int value = i;
        tasks.add(() -> value);
      }
      List<Double> bytes = new ArrayList<>();
      Rounds rounds =
          new Rounds(contenders)
              .run(
                  1,
                  settings.rounds(),
                  (contender, recorded) -> nanosPerTask(contender, tasks, settings.minSampleMillis()));
      Rounds allocation =
          new Rounds(contenders).run(0, Math.min(3, settings.rounds()), (c, recorded) -> bytesPerTask(c, tasks));
      Table table =
          new Table(
              "Overhead: all() of " + n + " trivial task" + (n == 1 ? "" : "s"),
              "implementation",
              "ns per task, median (p25-p75)",
              "ratio vs raw virtual threads",
              "bytes allocated per task");
      for (Contender contender : contenders) {
        table.row(
            contender.name(),
            Rounds.summary(rounds.samples(contender.name()), 0),
            Rounds.summary(rounds.ratios(contender.name(), baseline), 2),
            String.format(Locale.ROOT, "%.0f", Rounds.percentile(allocation.samples(contender.name()), 0.5)));
      }
      table.print(out);
    }
  }

  private static double nanosPerTask(Contender contender, List<Callable<Integer>> tasks, int minMillis)
      throws Exception {
    long calls = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      contender.all(tasks, 0);
      calls++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < minMillis * 1_000_000L);
    return (double) elapsed / calls / tasks.size();
  }

  private double bytesPerTask(Contender contender, List<Callable<Integer>> tasks) throws Exception {
    int calls = Math.max(1, 20_000 / tasks.size());
    long before = allocatedBytes();
    for (int i = 0; i < calls; i++) {
      contender.all(tasks, 0);
    }
    return (double) (allocatedBytes() - before) / calls / tasks.size();
  }

  /** Bytes allocated by all threads so far, terminated ones included (JDK 21+). */
  private long allocatedBytes() {
    return threads.getTotalThreadAllocatedBytes();
  }
}
