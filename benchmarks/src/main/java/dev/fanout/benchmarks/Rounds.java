package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Samples taken in interleaved rounds: every round measures every contender once, starting at a
 * different one each round, so that drift (JIT, GC, a noisy neighbour) hits them all alike. Ratios
 * against the baseline are computed per round, then summarized.
 */
final class Rounds {
  /** One measurement of one contender; may throw. */
  interface Measurement {
    /**
     * @param recorded false in a warm-up round, whose value is discarded
     */
    double measure(Contender contender, boolean recorded) throws Exception;
  }

  private final List<Contender> contenders;
  private final Map<String, List<Double>> samples = new LinkedHashMap<>();

  Rounds(List<Contender> contenders) {
    this.contenders = contenders;
    contenders.forEach(c -> samples.put(c.name(), new ArrayList<>()));
  }

  /** Runs {@code warmups} discarded rounds, then {@code rounds} recorded ones. */
  Rounds run(int warmups, int rounds, Measurement measurement) throws Exception {
    for (int round = 0; round < warmups + rounds; round++) {
      for (int i = 0; i < contenders.size(); i++) {
        Contender contender = contenders.get((round + i) % contenders.size());
        double value = measurement.measure(contender, round >= warmups);
        if (round >= warmups) {
          samples.get(contender.name()).add(value);
        }
      }
    }
    return this;
  }

  List<Double> samples(String contender) {
    return samples.get(contender);
  }

  /** Per-round ratios of {@code contender} to {@code baseline}. */
  List<Double> ratios(String contender, String baseline) {
    List<Double> mine = samples.get(contender);
    List<Double> theirs = samples.get(baseline);
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < mine.size(); i++) {
      ratios.add(mine.get(i) / theirs.get(i));
    }
    return ratios;
  }

  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    double rank = p * (sorted.size() - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
  }

  /** {@code median (p25-p75)} with {@code digits} decimals. */
  static String summary(List<Double> values, int digits) {
    String format = "%." + digits + "f";
    return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")",
        percentile(values, 0.5), percentile(values, 0.25), percentile(values, 0.75));
  }
}
