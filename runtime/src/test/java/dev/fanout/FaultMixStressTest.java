package dev.fanout;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded, randomized fault-mix stress test of {@link TaskGroup}, judged by an independent oracle.
 *
 * <p>Each iteration draws one scenario ({@link StressPlan}) from its own seed: a wait strategy
 * (all, allKeyed, allSettled, race, any, first(n), a next() loop, iteration, awaitCompletion, a
 * discarding group, or none), a concurrency and queue limit, group and wait timeouts, and up to 40
 * tasks that succeed, spin, wait for a gate or for an earlier task, throw checked exceptions,
 * unchecked ones or an {@link Error}, block until interrupted, ignore or swallow interrupts, or
 * open a nested group (closed, or left open). Foreign threads cancel the group and interrupt the
 * owner at random moments (also while it is blocked in spawn() on a full queue); the owner cancels,
 * registers onFinished callbacks that throw, calls suppressErrors() and leaves its try block early
 * by throwing. {@link StressRun} plays it, {@link StressOracle} checks what happened after close():
 * no failure lost, no child thread alive, the concurrency limit kept, results in the documented
 * order, only documented exceptions, and no hang (the owner runs on its own thread; 30 s without
 * finishing fails the test with that thread's stack).
 *
 * <p>System properties:
 *
 * <ul>
 *   <li>{@code fanout.stress.seed}: the master seed (default fixed, so a plain build draws the same
 *       scenarios every time). Iteration {@code i} uses {@code seed + i * 0x9E3779B97F4A7C15}, so
 *       iteration 0's seed is the master seed itself and any failing iteration replays alone with
 *       {@code -Dfanout.stress.seed=<its seed> -Dfanout.stress.iterations=1}. The scenario replays;
 *       the thread interleaving may not, so a rare failure may need several runs to recur.
 *   <li>{@code fanout.stress.iterations}: scenarios per run, or per batch with minutes (default
 *       300, a few seconds).
 *   <li>{@code fanout.stress.minutes}: if set, runs batches with fresh random master seeds for that
 *       long, printing each batch's seed and, at the end, the totals (groups, tasks, failures
 *       checked) and how often each call ended which way (so that a long run shows, say, how many
 *       spawn() calls an interrupt ended).
 *   <li>{@code fanout.stress.repeat}: runs each scenario this many times (default 1): with {@code
 *       iterations=1}, retries one seed's scenario until its interleaving recurs.
 * </ul>
 *
 * <p>Running it for ten minutes (from the repository root; {@code -pl runtime} keeps surefire from
 * complaining that the other modules have no such test):
 *
 * <pre>
 * mvn -pl runtime test -Dtest=FaultMixStressTest -Dfanout.stress.minutes=10
 * </pre>
 *
 * Without {@code -pl runtime}, add {@code -Dsurefire.failIfNoSpecifiedTests=false}. On JDK 25
 * (virtual threads), prefix {@code JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64}; the runtime's
 * {@code platform-threads-too} profile then runs the test a second time on platform threads, so the
 * minutes are spent twice; add {@code -P '!platform-threads-too'} to run only on virtual threads.
 */
class FaultMixStressTest {
  private static final long DEFAULT_SEED = 20_240_611L;
  private static final int DEFAULT_ITERATIONS = 300;
  private static final long SEED_STEP = 0x9E3779B97F4A7C15L;
  /** Failing scenarios reported in full per kind of violation; the rest are only counted. */
  private static final int REPORTS_PER_KIND = 2;

  private final Queue<String> uncaught = new ConcurrentLinkedQueue<>();
  private final List<String> reports = new ArrayList<>();
  /** Failing scenarios by kind of violation (its message without numbers). */
  private final Map<String, Integer> kinds = new TreeMap<>();
  private int failedScenarios;
  private long groups;
  private long tasks;
  private long failuresChecked;
  private int repeat;
  private final Map<String, Integer> outcomes = new TreeMap<>();

  @Test
  void randomFaultMixesNeverLoseAFailureLeakAThreadOrBreakAPromise() throws Exception {
    String minutes = System.getProperty("fanout.stress.minutes");
    int iterations = Integer.getInteger("fanout.stress.iterations", DEFAULT_ITERATIONS);
    repeat = Integer.getInteger("fanout.stress.repeat", 1);
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> uncaught.add("uncaught in thread " + thread.getName() + ": " + e));
    try {
      if (minutes == null) {
        long seed = Long.getLong("fanout.stress.seed", DEFAULT_SEED);
        System.out.println("FaultMixStressTest seed=" + seed + " iterations=" + iterations
            + " (replay: -Dfanout.stress.seed=" + seed + ")");
        runBatch(seed, iterations);
      } else {
        long end = System.nanoTime() + (long) (Double.parseDouble(minutes) * 60e9);
        System.out.println("FaultMixStressTest for " + minutes + " minute(s), batches of "
            + iterations + " (replay a batch: -Dfanout.stress.seed=<seed>)");
        while (System.nanoTime() - end < 0) {
          long seed = ThreadLocalRandom.current().nextLong();
          System.out.println("FaultMixStressTest batch seed=" + seed
              + (failedScenarios > 0 ? " (failed scenarios so far: " + failedScenarios + ")" : ""));
          runBatch(seed, iterations);
        }
      }
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    if (minutes != null) {
      System.out.println("FaultMixStressTest totals: groups=" + groups + " tasks=" + tasks
          + " failures checked=" + failuresChecked + " failed scenarios=" + failedScenarios
          + "\nFaultMixStressTest outcomes: " + outcomes);
    }
    if (failedScenarios > 0) {
      StringBuilder summary = new StringBuilder();
      kinds.forEach((kind, count) -> summary.append("\n  ").append(count).append(" x ").append(kind));
      fail(failedScenarios + " scenario(s) broke TaskGroup's contract; failing scenarios by kind of"
          + " violation:" + summary + "\n\nexamples (at most " + REPORTS_PER_KIND + " per kind):\n\n"
          + String.join("\n\n", reports));
    }
  }

  private void runBatch(long masterSeed, int iterations) throws InterruptedException {
    for (int i = 0; i < iterations; i++) {
      long seed = masterSeed + i * SEED_STEP;
      StressPlan plan = StressPlan.draw(seed);
      for (int attempt = 0; attempt < repeat; attempt++) {
        runScenario(i, seed, plan);
      }
    }
  }

  private void runScenario(int iteration, long seed, StressPlan plan) throws InterruptedException {
    StressRun run = new StressRun(plan);
    String hang = run.execute();
    if (hang != null) {
      fail(header(iteration, seed, plan) + "HANG: " + hang);
    }
    run.record.uncaught.addAll(uncaught);
    uncaught.clear();
    List<String> violations = StressOracle.check(run.record);
    if (!violations.isEmpty()) {
      failedScenarios++;
      boolean example = false;
      for (String kind : kindsOf(violations)) {
        example |= kinds.merge(kind, 1, Integer::sum) <= REPORTS_PER_KIND;
      }
      if (example) {
        reports.add(header(iteration, seed, plan) + "violations:\n  - "
            + String.join("\n  - ", violations));
      }
    }
    groups += run.record.groups.size();
    for (StressRecord.Group g : run.record.groups) {
      tasks += g.tasks.size();
    }
    failuresChecked += StressOracle.failuresChecked(run.record);
    StressOracle.tallyOutcomes(run.record, outcomes);
  }

  /** Violations with their numbers (tasks, seeds, counts) blotted out, each kind once. */
  private static Set<String> kindsOf(List<String> violations) {
    Set<String> kinds = new TreeSet<>();
    for (String violation : violations) {
      String kind = violation.replaceAll("\\d+", "N");
      kinds.add(kind.length() > 140 ? kind.substring(0, 140) + "..." : kind);
    }
    return kinds;
  }

  private static String header(int iteration, long seed, StressPlan plan) {
    return "iteration " + iteration + ", seed=" + seed + " (replay: -Dfanout.stress.seed=" + seed
        + " -Dfanout.stress.iterations=1)\nscenario:\n" + plan.describe() + "\n";
  }
}
