package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The overhead scenario under JMH, per task: all() of 1,000 trivial tasks. Run it with {@code -prof
 * gc} for bytes allocated per task ({@code gc.alloc.rate.norm} is per operation, that is per task).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OverheadBenchmark {
  private static final int TASKS = 1_000;

  @Param({"raw", "executor", "completablefuture", "pool", "taskgroup", "generated"})
  public String implementation;

  private Contender contender;
  private final List<Callable<Integer>> tasks = new ArrayList<>();

  @Setup(Level.Trial)
  public void setUp() {
    contender =
        switch (implementation) {
          case "raw" -> new RawVirtualThreads();
          case "executor" -> new VirtualThreadExecutor();
          case "completablefuture" -> new CompletableFutures();
          case "pool" -> new FixedThreadPool();
          case "taskgroup" -> new FanoutTaskGroup();
          case "generated" -> new FanoutGenerated();
          default -> throw new IllegalArgumentException(implementation);
        };
    for (int i = 0; i < TASKS; i++) {
      int value = i;
      tasks.add(() -> value);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    contender.shutdown();
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public List<Integer> all() throws Exception {
    return contender.all(tasks, 0);
  }
}
