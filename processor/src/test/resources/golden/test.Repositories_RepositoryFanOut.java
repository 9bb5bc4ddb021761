package test;

import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupException;
import dev.fanout.internal.FanOutExceptions;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Implements the {@code @FanOut} methods of {@link Repositories.Repository} over a {@link TaskGroup}.
 *
 * <p>Extend this class and implement the remaining abstract methods:
 * the leaves that each child task calls.
 */
@Generated("dev.fanout.processor.FanOutProcessor")
public abstract class Repositories_RepositoryFanOut<K extends Comparable<K>, V extends Repositories.Value> implements Repositories.Repository<K, V> {
  /**
   * For subclasses, which implement the leaves.
   */
  protected Repositories_RepositoryFanOut() {
  }

  /**
   * Implements {@link Repositories.Repository#loadAll(Collection)}:
   * one child per element of {@code keys},
   * each calling {@link Repositories.Repository#load(Comparable)},
   * at most 16 at a time.
   *
   * <p>Strategy ALL: every child must succeed; results in input order.
   * The first failure cancels the other children.
   * Returns only after every child has terminated.
   */
  @Override
  public List<V> loadAll(Collection<? extends K> keys) throws IOException {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      return List.of();
    }
    try (TaskGroup<V> group =
        TaskGroup.builder()
            .name("Repositories.Repository.loadAll")
            .concurrency(16)
            .open()) {
      for (K key : keys) {
        group.spawn(() -> load(key));
      }
      return group.all();
    } catch (TaskGroupException e) {
      Throwable failure = FanOutExceptions.firstFailure(e);
      if (failure instanceof IOException) {
        throw FanOutExceptions.rethrown((IOException) failure, e);
      }
      throw FanOutExceptions.unchecked(failure, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FanOutExceptions.interrupted("Repositories.Repository.loadAll", e);
    }
  }
}
