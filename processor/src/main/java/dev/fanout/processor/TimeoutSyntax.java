package dev.fanout.processor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code @FanOut(timeout = ...)}: an amount with a unit ({@code "250ms"}, {@code "5s"},
 * {@code "2m"}, {@code "1h"}) or an ISO-8601 duration ({@code "PT5S"}). The empty string means no
 * timeout. Zero and negative durations are rejected: a fan-out that may take no time at all is a
 * mistake, not a configuration.
 */
final class TimeoutSyntax {
  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

  private TimeoutSyntax() {}

  /**
   * The timeout {@code text} denotes.
   *
   * @return empty for "" (no timeout)
   * @throws IllegalArgumentException if {@code text} is not a positive duration
   */
  static Optional<Duration> parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    Duration duration = amountAndUnit(trimmed);
    if (duration == null) {
      try {
        duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a duration: " + text, e);
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("not positive: " + text);
    }
    return Optional.of(duration);
  }

  private static Duration amountAndUnit(String text) {
    Matcher matcher = AMOUNT_AND_UNIT.matcher(text);
    if (!matcher.matches()) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofHours(amount);
    }
  }
}
