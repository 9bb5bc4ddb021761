package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Race and any: 8 tasks, one answers after 1 ms, seven would sleep 10 s. Measures the time until
 * the call returns, and until every loser that started has terminated (waited for up to {@value
 * #PATIENCE_MS} ms: a tool that cannot interrupt its losers leaves them running).
 */
final class RaceScenario {
  private static final int PATIENCE_MS = 500;

  void run(List<Contender> contenders, Settings settings, PrintStream out) throws Exception {
    for (String kind : List.of("race", "any")) {
      Rounds returned = new Rounds(contenders);
      java.util.Map<String, List<Double>> terminated = new java.util.HashMap<>();
      java.util.Map<String, Integer> losersRunning = new java.util.HashMap<>();
      returned.run(
          1,
          settings.rounds(),
          (contender, recorded) -> {
            AtomicInteger alive = new AtomicInteger(); // tasks that started and have not ended
            AtomicLong lastExit = new AtomicLong();
            List<Callable<Integer>> tasks = tasks(alive, lastExit);
            long start = System.nanoTime();
            Integer winner =
                kind.equals("race") ? contender.race(tasks) : contender.any(tasks);
            long returnedAt = System.nanoTime();
            if (winner != 0) {
              throw new AssertionError(contender.name() + " returned " + winner);
            }
            long deadline = returnedAt + PATIENCE_MS * 1_000_000L;
            while (alive.get() > 0 && System.nanoTime() < deadline) {
              Thread.sleep(1); // polling the losers' exit counter
            }
            if (recorded) {
              terminated.computeIfAbsent(contender.name(), k -> new ArrayList<>())
                  .add(
                      alive.get() == 0
                          ? Math.max(0, lastExit.get() - start) / 1e6
                          : Double.POSITIVE_INFINITY);
              losersRunning.merge(contender.name(), alive.get(), Math::max);
            }
            return (returnedAt - start) / 1e6;
          });
      Table table =
          new Table(
              kind + "(): 8 tasks, one answers after 1 ms, seven would sleep 10 s",
              "implementation",
              "returns after ms, median (p25-p75)",
              "ratio vs raw virtual threads",
              "every loser terminated after ms",
              "losers terminated before the call returned");
      String baseline = contenders.get(0).name();
      for (Contender contender : contenders) {
        List<Double> exits = terminated.getOrDefault(contender.name(), List.of());
        boolean allExited = exits.stream().allMatch(Double::isFinite);
        List<Double> returns = returned.samples(contender.name());
        boolean beforeReturn = true;
        for (int i = 0; i < exits.size(); i++) {
          beforeReturn &= exits.get(i) <= returns.get(i) + 0.05;
        }
        table.row(
            contender.name(),
            Rounds.summary(returns, 2),
            Rounds.summary(returned.ratios(contender.name(), baseline), 2),
            allExited
                ? Rounds.summary(exits, 2)
                : "not within " + PATIENCE_MS + " ms (" + losersRunning.get(contender.name()) + " still running)",
            allExited && beforeReturn ? "yes" : "no");
      }
      table.print(out);
    }
  }

  private static List<Callable<Integer>> tasks(AtomicInteger alive, AtomicLong lastExit) {
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      boolean winner = i == 3;
      tasks.add(
          () -> {
            alive.incrementAndGet(); // a loser cancelled before it starts never runs at all
            try {
              Thread.sleep(winner ? 1 : 10_000);
              return winner ? 0 : -1;
            } finally {
              lastExit.accumulateAndGet(System.nanoTime(), Math::max);
              alive.decrementAndGet();
            }
          });
    }
    return tasks;
  }
}
