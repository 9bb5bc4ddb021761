package dev.fanout.benchmarks;

import dev.fanout.TaskGroup;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Runs {@link PlatformThreadsScenario} and prints its Markdown tables. A JVM of its own, started
 * with {@code -Dfanout.threads=platform} (exec execution {@code platform}): the runtime decides
 * once per JVM whether children are virtual threads, so the other tables cannot share this run.
 * One argument, as for {@link BenchmarkMain}: {@code quick}, {@code full} or {@code smoke}.
 */
public final class PlatformThreadsMain {
  private PlatformThreadsMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.named(args.length == 0 ? "quick" : args[0]);
    requirePlatformThreads();
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "## Fanout on platform threads (%s)%n%nJava %s (%s), %d cores, max heap %d MiB."
            + " TaskGroup.usesVirtualThreads() is %s (-Dfanout.threads=platform): children run on"
            + " platform threads, as on Java 17. Medians over %d interleaved rounds; p25-p75 in"
            + " parentheses; ratios per round against the fixed pool.%n",
        settings.name(),
        Runtime.version(),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        TaskGroup.usesVirtualThreads(),
        settings.rounds());
    long start = System.nanoTime();
    new PlatformThreadsScenario().run(settings, out);
    out.printf(Locale.ROOT, "%nTook %.0f s.%n", (System.nanoTime() - start) / 1e9);
  }

  /**
   * Fails unless children really are platform threads: measured on virtual threads, these tables
   * would silently answer a different question.
   */
  private static void requirePlatformThreads() throws InterruptedException {
    boolean childIsVirtual;
    try (TaskGroup<Boolean> group = TaskGroup.open()) {
      group.spawn(() -> Thread.currentThread().isVirtual()); // the flag, and what it does
      childIsVirtual = group.all().get(0);
    }
    if (TaskGroup.usesVirtualThreads() || childIsVirtual) {
      throw new IllegalStateException(
          "TaskGroup.usesVirtualThreads() is "
              + TaskGroup.usesVirtualThreads()
              + " and a child ran on a "
              + (childIsVirtual ? "virtual" : "platform")
              + " thread: run with -Dfanout.threads=platform"
              + " (mvn -pl benchmarks exec:exec@platform)");
    }
  }
}
