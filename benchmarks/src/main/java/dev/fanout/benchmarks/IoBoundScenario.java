package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * I/O-bound work with and without a limit: tasks that each sleep 10 ms (a stand-in for a remote
 * call). Efficiency is the ideal wall time over the achieved one.
 */
final class IoBoundScenario {
  private static final int SLEEP_MILLIS = 10;

  void run(List<Contender> contenders, Settings settings, PrintStream out) throws Exception {
    measure(contenders, settings, out, 2_000, 100);
    measure(contenders, settings, out, 10_000, 0);
  }

  private void measure(List<Contender> contenders, Settings settings, PrintStream out, int n, int limit)
      throws Exception {
    double idealMillis = limit == 0 ? SLEEP_MILLIS : (double) n / limit * SLEEP_MILLIS;
    List<Callable<Integer>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int value = i;
      tasks.add(
          () -> {
            Thread.sleep(SLEEP_MILLIS); // the simulated remote call
            return value;
          });
    }
    Rounds rounds =
        new Rounds(contenders)
            .run(
                1,
                Math.max(1, settings.rounds() / 2),
                (contender, recorded) -> {
                  long start = System.nanoTime();
                  contender.all(tasks, limit);
                  return (System.nanoTime() - start) / 1e6;
                });
    Table table =
        new Table(
            String.format(
                Locale.ROOT,
                "I/O-bound: %,d tasks of %d ms, %s (ideal %.0f ms)",
                n,
                SLEEP_MILLIS,
                limit == 0 ? "unbounded" : "concurrency " + limit,
                idealMillis),
            "implementation",
            "wall ms, median (p25-p75)",
            "efficiency (ideal / achieved)",
            "ratio vs raw virtual threads");
    String baseline = contenders.get(0).name();
    for (Contender contender : contenders) {
      List<Double> efficiency = new ArrayList<>();
      for (double millis : rounds.samples(contender.name())) {
        efficiency.add(idealMillis / millis);
      }
      table.row(
          contender.name(),
          Rounds.summary(rounds.samples(contender.name()), 0),
          Rounds.summary(efficiency, 3),
          Rounds.summary(rounds.ratios(contender.name(), baseline), 2));
    }
    table.print(out);
  }
}
