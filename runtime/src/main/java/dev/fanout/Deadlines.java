package dev.fanout;

import java.time.Duration;
import java.util.Objects;

/**
 * Time arithmetic on {@link System#nanoTime()} values. Deadlines are only ever compared by
 * difference, as nanoTime requires; durations are capped at a quarter of the long range (about 73
 * years) so that a sum never wraps into the past.
 */
final class Deadlines {
  private Deadlines() {}

  /** A wait's timeout in nanoseconds, checked. */
  static long toNanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, but was " + timeout);
    }
    return saturatedNanos(timeout);
  }

  /** {@code now + duration} as a nanoTime value. */
  static long add(long now, Duration duration) {
    return now + saturatedNanos(duration);
  }

  /** The earlier of two nanoTime values. */
  static long earlier(long a, long b) {
    return a - b <= 0 ? a : b;
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return Math.max(Long.MIN_VALUE / 4, Math.min(Long.MAX_VALUE / 4, duration.toNanos()));
    } catch (ArithmeticException overflow) {
      return duration.isNegative() ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
    }
  }

  /**
   * A duration as people write it, and as {@code @FanOut(timeout = ...)} spells it: {@code 5s},
   * {@code 250ms}, {@code 2m}, {@code 1h}, in the largest unit that is exact; otherwise
   * milliseconds with a fraction ({@code 4999.998ms}, a deadline's remaining time).
   */
  static String format(Duration duration) {
    long nanos = saturatedNanos(duration);
    if (nanos == 0) {
      return "0ms";
    }
    long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L};
    String[] names = {"h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (nanos % units[i] == 0) {
        return nanos / units[i] + names[i];
      }
    }
    return String.format(java.util.Locale.ROOT, "%.3fms", nanos / 1e6);
  }
}
