package dev.fanout.benchmarks;

/**
 * How long to measure: {@code quick} (under 2 minutes) or {@code full} (under 10 minutes).
 *
 * @param rounds recorded rounds per scenario
 * @param minSampleMillis how long one overhead sample repeats its call, at least
 * @param queuedTasks tasks spawned in the queue-memory scenario
 * @param compileRounds rounds of the compile-time scenario (each compiles 200 interfaces twice)
 */
record Settings(String name, int rounds, int minSampleMillis, int queuedTasks, int compileRounds) {
  static Settings named(String name) {
    switch (name) {
      case "quick":
        return new Settings(name, 5, 30, 100_000, 2);
      case "full":
        return new Settings(name, 15, 100, 1_000_000, 5);
      case "smoke":
        return new Settings(name, 1, 1, 1_000, 1);
      default:
        throw new IllegalArgumentException("suite must be quick, full or smoke, but was " + name);
    }
  }
}
