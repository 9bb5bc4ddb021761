package dev.fanout.benchmarks;

import java.util.List;

/**
 * How long to measure: {@code quick} (under 2 minutes) or {@code full} (under 10 minutes).
 *
 * @param rounds recorded rounds per scenario
 * @param minSampleMillis how long one overhead sample repeats its call, at least
 * @param queuedTasks tasks spawned in the queue-memory scenario
 * @param compileRounds rounds of the compile-time scenario (each compiles 200 interfaces twice)
 * @param discardedTasks the two task counts of the discarding-memory scenario, smaller first
 */
record Settings(
    String name,
    int rounds,
    int minSampleMillis,
    int queuedTasks,
    int compileRounds,
    List<Integer> discardedTasks) {
  static Settings named(String name) {
    switch (name) {
      case "quick":
        return new Settings(name, 5, 30, 100_000, 2, List.of(10_000, 100_000));
      case "full":
        return new Settings(name, 15, 100, 1_000_000, 5, List.of(100_000, 1_000_000));
      case "smoke":
        return new Settings(name, 1, 1, 1_000, 1, List.of(1_000, 10_000));
      default:
        throw new IllegalArgumentException("suite must be quick, full or smoke, but was " + name);
    }
  }
}
