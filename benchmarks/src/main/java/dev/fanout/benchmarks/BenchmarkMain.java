package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Runs every scenario against every contender and prints Markdown tables. One argument: {@code
 * quick} (under 2 minutes), {@code full} (under 10 minutes) or {@code smoke} (seconds; for CI,
 * which never judges a timing).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.named(args.length == 0 ? "quick" : args[0]);
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "## Fanout benchmarks (%s)%n%nJava %s (%s), %d cores, max heap %d MiB. Medians over %d"
            + " interleaved rounds; p25-p75 in parentheses; ratios per round against raw virtual"
            + " threads.%n",
        settings.name(),
        Runtime.version(),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        settings.rounds());
    List<Contender> contenders =
        List.of(
            new RawVirtualThreads(), // first: the baseline of every ratio
            new VirtualThreadExecutor(),
            new CompletableFutures(),
            new FixedThreadPool(),
            new FanoutTaskGroup(),
            new FanoutGenerated());
    long start = System.nanoTime();
    try {
      new OverheadScenario().run(contenders, settings, out);
      new IoBoundScenario().run(contenders, settings, out);
      new RaceScenario().run(contenders, settings, out);
      new QueueMemoryScenario().run(contenders, settings, out);
      new CompileTimeScenario().run(settings, out);
    } finally {
      contenders.forEach(Contender::shutdown);
    }
    out.printf(Locale.ROOT, "%nTook %.0f s.%n", (System.nanoTime() - start) / 1e9);
    System.exit(0); // CompletableFuture losers may still sleep on virtual threads
  }
}
