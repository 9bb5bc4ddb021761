package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupException;
import dev.fanout.TaskGroupTimeoutException;
import dev.fanout.internal.FanOutExceptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.annotation.processing.Generated;

/**
 * Implements the {@code @FanOut} methods of {@link CatalogService} over a {@link TaskGroup}.
 *
 * <p>Extend this class and implement the remaining abstract methods:
 * the leaves that each child task calls.
 */
@Generated("dev.fanout.processor.FanOutProcessor")
public abstract class CatalogServiceFanOut implements CatalogService {
  /**
   * For subclasses, which implement the leaves.
   */
  protected CatalogServiceFanOut() {
  }

  /**
   * Implements {@link CatalogService#product(List, long)}:
   * one child per element of {@code replicas},
   * each calling {@link CatalogService#product(CatalogService.Replica, long)}.
   *
   * <p>Strategy RACE: the first child to settle, success or failure, decides;
   * the other children are cancelled.
   * Returns only after every child has terminated.
   */
  @Override
  public CatalogService.Product product(List<CatalogService.Replica> replicas, long id) throws
      IOException {
    Objects.requireNonNull(replicas, "replicas");
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("replicas is empty: RACE needs an element");
    }
    try (TaskGroup<CatalogService.Product> group =
        TaskGroup.builder()
            .name("CatalogService.product")
            .open()) {
      for (CatalogService.Replica replica : replicas) {
        group.spawn(() -> product(replica, id));
      }
      return group.race();
    } catch (TaskGroupException e) {
      Throwable failure = FanOutExceptions.firstFailure(e);
      if (failure instanceof IOException) {
        throw FanOutExceptions.rethrown((IOException) failure, e);
      }
      throw FanOutExceptions.unchecked(failure, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FanOutExceptions.interrupted("CatalogService.product", e);
    }
  }

  /**
   * Implements {@link CatalogService#search(String)}:
   * one child for each of
   * {@link CatalogService#searchAlpha(String)} and
   * {@link CatalogService#searchBeta(String)}.
   *
   * <p>Strategy ANY: the first child to succeed decides; the other children are cancelled.
   * If every child fails, the first failure is thrown as it is; the others are logged
   * with it (logger {@code dev.fanout}).
   * Returns only after every child has terminated; gives up after 250ms.
   */
  @Override
  public CatalogService.SearchResult search(String query) throws IOException, TimeoutException,
      InterruptedException {
    try (TaskGroup<CatalogService.SearchResult> group =
        TaskGroup.builder()
            .name("CatalogService.search")
            .timeout(Duration.ofMillis(250))
            .open()) {
      group.spawn(() -> searchAlpha(query));
      group.spawn(() -> searchBeta(query));
      return group.any();
    } catch (TaskGroupException e) {
      Throwable failure = FanOutExceptions.firstFailure(e);
      if (failure instanceof IOException) {
        throw FanOutExceptions.rethrown((IOException) failure, e);
      }
      if (failure instanceof TimeoutException) {
        throw FanOutExceptions.rethrown((TimeoutException) failure, e);
      }
      throw FanOutExceptions.unchecked(failure, e);
    } catch (TaskGroupTimeoutException e) {
      throw FanOutExceptions.timeout(e);
    }
  }

  /**
   * Implements {@link CatalogService#prices(Set)}:
   * one child per element of {@code skus},
   * each calling {@link CatalogService#price(String)},
   * at most 4 at a time.
   *
   * <p>Strategy ALL: every child must succeed; each element maps to its result.
   * The first failure cancels the other children.
   * Returns only after every child has terminated.
   */
  @Override
  public Map<String, CatalogService.Price> prices(Set<String> skus) {
    Objects.requireNonNull(skus, "skus");
    if (skus.isEmpty()) {
      return Map.of();
    }
    try (TaskGroup<CatalogService.Price> group =
        TaskGroup.builder()
            .name("CatalogService.prices")
            .concurrency(4)
            .open()) {
      Set<String> seen = new HashSet<>();
      for (String sku : skus) {
        if (seen.add(sku)) {
          group.spawn(sku, () -> price(sku));
        }
      }
      return group.allKeyed();
    } catch (TaskGroupException e) {
      throw FanOutExceptions.unchecked(FanOutExceptions.firstFailure(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FanOutExceptions.interrupted("CatalogService.prices", e);
    }
  }

  /**
   * Implements {@link CatalogService#distinctPrices(String[])}:
   * one child per element of {@code skus},
   * each calling {@link CatalogService#price(String)}.
   *
   * <p>Strategy ALL: every child must succeed; results in input order.
   * The first failure cancels the other children.
   * Returns only after every child has terminated.
   */
  @Override
  public Set<CatalogService.Price> distinctPrices(String... skus) {
    Objects.requireNonNull(skus, "skus");
    if (skus.length == 0) {
      return Set.of();
    }
    try (TaskGroup<CatalogService.Price> group =
        TaskGroup.builder()
            .name("CatalogService.distinctPrices")
            .open()) {
      for (String sku : skus) {
        group.spawn(() -> price(sku));
      }
      return Collections.unmodifiableSet(new LinkedHashSet<>(group.all()));
    } catch (TaskGroupException e) {
      throw FanOutExceptions.unchecked(FanOutExceptions.firstFailure(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FanOutExceptions.interrupted("CatalogService.distinctPrices", e);
    }
  }

  /**
   * Implements {@link CatalogService#uploadAll(List, List)}:
   * one child per element of {@code files},
   * each calling {@link CatalogService#upload(Path, List)},
   * at most 50 at a time.
   *
   * <p>Strategy ALL: every child must succeed.
   * The first failure cancels the other children.
   * Returns only after every child has terminated.
   */
  @Override
  public void uploadAll(List<Path> files, List<String> tags) throws IOException {
    Objects.requireNonNull(files, "files");
    if (files.isEmpty()) {
      return;
    }
    try (TaskGroup<Void> group =
        TaskGroup.builder()
            .name("CatalogService.uploadAll")
            .concurrency(50)
            .open()) {
      for (Path file : files) {
        group.spawn(() -> {
          upload(file, tags);
          return null;
        });
      }
      group.all();
    } catch (TaskGroupException e) {
      Throwable failure = FanOutExceptions.firstFailure(e);
      if (failure instanceof IOException) {
        throw FanOutExceptions.rethrown((IOException) failure, e);
      }
      throw FanOutExceptions.unchecked(failure, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FanOutExceptions.interrupted("CatalogService.uploadAll", e);
    }
  }

  /**
   * Implements {@link CatalogService#pricesAsTheyArrive(List, Consumer)}:
   * one child per element of {@code skus},
   * each calling {@link CatalogService#price(String)}.
   *
   * <p>Strategy ALL: every child must succeed; results in input order.
   * The first failure cancels the other children.
   * Returns only after every child has terminated.
   *
   * <p>{@code onPrice} receives each result as it completes, on the calling thread.
   */
  @Override
  public List<CatalogService.Price> pricesAsTheyArrive(List<String> skus,
      Consumer<? super CatalogService.Price> onPrice) {
    Objects.requireNonNull(skus, "skus");
    Objects.requireNonNull(onPrice, "onPrice");
    if (skus.isEmpty()) {
      return List.of();
    }
    try (TaskGroup<CatalogService.Price> group =
        TaskGroup.builder()
            .name("CatalogService.pricesAsTheyArrive")
            .open()) {
      for (String sku : skus) {
        group.spawn(() -> price(sku));
      }
      Subtask<CatalogService.Price> done;
      while ((done = group.next()) != null && done.state() == Subtask.State.SUCCEEDED) {
        onPrice.accept(done.get());
      }
      return group.all();
    } catch (TaskGroupException e) {
      throw FanOutExceptions.unchecked(FanOutExceptions.firstFailure(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FanOutExceptions.interrupted("CatalogService.pricesAsTheyArrive", e);
    }
  }
}
