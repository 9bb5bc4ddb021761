package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * What a Java 17 user pays: nanoseconds per task of all() over {@value #TASKS} trivial tasks, with
 * Fanout's children on platform threads (run by {@link PlatformThreadsMain} in a JVM started with
 * {@code -Dfanout.threads=platform}), against what such a user writes today: a long-lived fixed
 * pool of {@value #THREADS} platform threads with invokeAll.
 *
 * <p>Bounded: a TaskGroup at concurrency {@value #THREADS} against the pool. The pool reuses its
 * threads for every task; the group's cost over it is what Fanout's structure costs where there
 * are no virtual threads. Target: within 3x of the pool. Unbounded: a TaskGroup with no limit
 * against the same pool (still {@value #THREADS} at a time) and against a new platform thread per
 * task started and joined by hand, the unbounded floor. Interleaved rounds; ratios are per round
 * against the pool.
 */
final class PlatformThreadsScenario {
  static final int TASKS = 2_000;
  static final int THREADS = 8;
  private static final double TARGET_RATIO = 3;

  void run(Settings settings, PrintStream out) throws Exception {
    // Created once and reused by every call of both tables, as a long-lived pool would be.
    FixedThreadPool pool = new FixedThreadPool(THREADS);
    Contender group = new FanoutTaskGroup();
    try {
      List<Contender> bounded = List.of(pool, group);
      Rounds boundedRounds = measure(bounded, THREADS, settings);
      print(
          boundedRounds,
          bounded,
          String.format(
              Locale.ROOT,
              "Platform threads: all() of %,d trivial tasks, concurrency %d (target: TaskGroup"
                  + " within %.0fx of the pool)",
              TASKS,
              THREADS,
              TARGET_RATIO),
          out);
      double ratio = Rounds.percentile(boundedRounds.ratios(group.name(), pool.name()), 0.5);
      out.printf(
          Locale.ROOT,
          "%nBounded TaskGroup on platform threads: %.2fx the fixed pool of %d (median of per-round"
              + " ratios); target within %.0fx: %s.%n",
          ratio,
          THREADS,
          TARGET_RATIO,
          ratio <= TARGET_RATIO ? "met" : "missed");

      List<Contender> unbounded = List.of(pool, group, new PlatformThreadPerTask());
      print(
          measure(unbounded, 0, settings),
          unbounded,
          String.format(
              Locale.ROOT,
              "Platform threads: all() of %,d trivial tasks, no limit (the pool still runs %d at a"
                  + " time)",
              TASKS,
              THREADS),
          out);
    } finally {
      pool.shutdown();
    }
  }

  private static Rounds measure(List<Contender> contenders, int concurrency, Settings settings)
      throws Exception {
    List<Callable<Integer>> tasks = new ArrayList<>(TASKS);
    for (int i = 0; i < TASKS; i++) {
      int value = i;
      tasks.add(() -> value);
    }
    return new Rounds(contenders)
        .run(
            1,
            settings.rounds(),
            (contender, recorded) ->
                nanosPerTask(contender, tasks, concurrency, settings.minSampleMillis()));
  }

  /** Repeats the call for at least {@code minMillis}, like the overhead scenario. */
  private static double nanosPerTask(
      Contender contender, List<Callable<Integer>> tasks, int concurrency, int minMillis)
      throws Exception {
    long calls = 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      contender.all(tasks, concurrency);
      calls++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < minMillis * 1_000_000L);
    return (double) elapsed / calls / tasks.size();
  }

  private static void print(
      Rounds rounds, List<Contender> contenders, String title, PrintStream out) {
    String baseline = contenders.get(0).name();
    Table table =
        new Table(title, "implementation", "ns per task, median (p25-p75)", "ratio vs " + baseline);
    for (Contender contender : contenders) {
      table.row(
          contender.name(),
          Rounds.summary(rounds.samples(contender.name()), 0),
          Rounds.summary(rounds.ratios(contender.name(), baseline), 2));
    }
    table.print(out);
  }
}
