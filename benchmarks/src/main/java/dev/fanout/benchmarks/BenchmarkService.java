package dev.fanout.benchmarks;

import dev.fanout.annotation.FanOut;
import dev.fanout.annotation.Strategy;
import java.util.List;
import java.util.concurrent.Callable;

/** The fan-outs of the scenarios as a user would declare them; the processor implements them. */
public interface BenchmarkService {
  /** The leaf: runs one task. */
  Integer run(Callable<Integer> task) throws Exception;

  @FanOut(using = "run")
  List<Integer> all(List<Callable<Integer>> tasks) throws Exception;

  @FanOut(using = "run", concurrency = 10)
  List<Integer> allLimitedTo10(List<Callable<Integer>> tasks) throws Exception;

  @FanOut(using = "run", concurrency = 100)
  List<Integer> allLimitedTo100(List<Callable<Integer>> tasks) throws Exception;

  @FanOut(strategy = Strategy.RACE, using = "run")
  Integer race(List<Callable<Integer>> tasks) throws Exception;

  @FanOut(strategy = Strategy.ANY, using = "run")
  Integer any(List<Callable<Integer>> tasks) throws Exception;
}
