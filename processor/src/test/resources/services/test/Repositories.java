package test;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

public final class Repositories {
  private Repositories() {}

  public interface Repository<K extends Comparable<K>, V> {
    V load(K key) throws IOException;

    @FanOut(concurrency = 16, using = "load")
    List<V> loadAll(Collection<? extends K> keys) throws IOException;
  }

  /** Package-private, and inherits its @FanOut method with K = Long, V = String. */
  interface UserNames extends Repository<Long, String> {
    default String describe() {
      return "user names";
    }

    static int version() {
      return 1;
    }
  }
}
