package dev.fanout.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;

/** Fanout's generated @FanOut methods ({@link BenchmarkService}), doing the same work. */
final class FanoutGenerated implements Contender {
  private final BenchmarkService service =
      new BenchmarkServiceFanOut() {
        @Override
        public Integer run(Callable<Integer> task) throws Exception {
          return task.call();
        }
      };

  @Override
  public String name() {
    return "Fanout @FanOut (generated)";
  }

  @Override
  public List<Integer> all(List<Callable<Integer>> tasks, int concurrency) throws Exception {
    switch (concurrency) {
      case 0:
        return service.all(tasks);
      case 10:
        return service.allLimitedTo10(tasks);
      case 100:
        return service.allLimitedTo100(tasks);
      default:
        throw new IllegalArgumentException("no generated method for concurrency " + concurrency);
    }
  }

  @Override
  public Integer race(List<Callable<Integer>> tasks) throws Exception {
    return service.race(tasks);
  }

  @Override
  public Integer any(List<Callable<Integer>> tasks) throws Exception {
    return service.any(tasks);
  }
}
