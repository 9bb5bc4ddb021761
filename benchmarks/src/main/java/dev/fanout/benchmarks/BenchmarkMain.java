package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Runs every scenario against every contender and prints Markdown tables. One argument: {@code
 * quick} (under 2 minutes), {@code full} (under 10 minutes) or {@code smoke} (seconds; for CI,
 * which never judges a timing). Fanout on platform threads needs a JVM of its own: {@link
 * PlatformThreadsMain}.
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
        new ArrayList<>(
            List.of(
                new RawVirtualThreads(), // first: the baseline of every ratio
                new VirtualThreadExecutor(),
                new CompletableFutures(),
                new FixedThreadPool(),
                new FanoutTaskGroup(),
                new FanoutGenerated()));
    structuredTaskScope().ifPresent(contenders::add);
    long start = System.nanoTime();
    try {
      new OverheadScenario().run(contenders, settings, out);
      new IoBoundScenario().run(contenders, settings, out);
      new RaceScenario().run(contenders, settings, out);
      new QueueMemoryScenario().run(contenders, settings, out);
      new DiscardingMemoryScenario().run(settings, out);
      new CompileTimeScenario().run(settings, out);
    } finally {
      contenders.forEach(Contender::shutdown);
    }
    out.printf(Locale.ROOT, "%nTook %.0f s.%n", (System.nanoTime() - start) / 1e9);
    System.exit(0); // CompletableFuture losers may still sleep on virtual threads
  }

  /** The JDK's StructuredTaskScope, when built and run with -Pstructured (JDK 25 preview). */
  private static Optional<Contender> structuredTaskScope() {
    try {
      Class<?> type = Class.forName("dev.fanout.benchmarks.StructuredScope");
      return Optional.of((Contender) type.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      return Optional.empty(); // built without -Pstructured
    } catch (ReflectiveOperationException | LinkageError e) {
      System.err.println("StructuredTaskScope left out: " + e); // e.g. run without --enable-preview
      return Optional.empty();
    }
  }
}
