package dev.fanout.benchmarks;

import dev.fanout.TaskGroup;
import dev.fanout.context.ContextPropagators;
import dev.fanout.observe.GroupObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What context propagation and observation cost per task: {@code all()} of 1,000 trivial tasks on
 * a {@link TaskGroup} with nothing registered (the core's own cost, as in {@link
 * OverheadBenchmark}'s {@code taskgroup}), with one {@code ThreadLocal} propagated, with one
 * observer that overrides nothing, and with both. Run with {@code -prof gc} for bytes per task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExtensionsOverheadBenchmark {
  private static final int TASKS = 1_000;
  private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

  @Param({"none", "threadlocal", "observer", "both"})
  public String extensions;

  private TaskGroup.Builder builder;
  private final List<Callable<Integer>> tasks = new ArrayList<>();

  @Setup
  public void setUp() {
    builder = TaskGroup.builder();
    if (extensions.equals("threadlocal") || extensions.equals("both")) {
      builder.propagate(ContextPropagators.threadLocal(REQUEST_ID));
    }
    if (extensions.equals("observer") || extensions.equals("both")) {
      GroupObserver observesNothing = new GroupObserver() {};
      builder.listener(group -> observesNothing);
    }
    REQUEST_ID.set("req-42");
    for (int i = 0; i < TASKS; i++) {
      int value = i;
      tasks.add(() -> value);
    }
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public List<Integer> all() throws Exception {
    try (TaskGroup<Integer> group = builder.open()) {
      for (Callable<Integer> task : tasks) {
        group.spawn(task);
      }
      return group.all();
    }
  }
}
