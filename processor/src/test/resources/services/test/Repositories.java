package test;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

public final class Repositories {
  private Repositories() {}

  /** What repositories store: a sealed hierarchy of records, so Sendable. */
  public sealed interface Value permits Text, Count {}

  public record Text(String text) implements Value {}

  public record Count(long count) implements Value {}

  public interface Repository<K extends Comparable<K>, V extends Value> {
    V load(K key) throws IOException;

    @FanOut(concurrency = 16, using = "load")
    List<V> loadAll(Collection<? extends K> keys) throws IOException;
  }

  /** Package-private, and inherits its @FanOut method with K = Long, V = Text. */
  interface UserNames extends Repository<Long, Text> {
    default String describe() {
      return "user names";
    }

    static int version() {
      return 1;
    }
  }
}
