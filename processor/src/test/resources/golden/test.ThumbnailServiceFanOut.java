package test;

import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupException;
import dev.fanout.internal.FanOutExceptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Implements the {@code @FanOut} methods of {@link ThumbnailService} over a {@link TaskGroup}.
 *
 * <p>Extend this class and implement the remaining abstract methods:
 * the leaves that each child task calls.
 */
@Generated("dev.fanout.processor.FanOutProcessor")
public abstract class ThumbnailServiceFanOut implements ThumbnailService {
  /**
   * For subclasses, which implement the leaves.
   */
  protected ThumbnailServiceFanOut() {
  }

  /**
   * Implements {@link ThumbnailService#fetchThumbnails(List)}:
   * one child per element of {@code ids},
   * each calling {@link ThumbnailService#fetchThumbnail(String)},
   * at most 8 at a time.
   *
   * <p>Strategy ALL: every child must succeed; results in input order.
   * The first failure cancels the other children.
   * Returns only after every child has terminated; gives up after 5s.
   */
  @Override
  public List<ThumbnailService.Thumbnail> fetchThumbnails(List<String> ids) throws IOException {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return List.of();
    }
    try (TaskGroup<ThumbnailService.Thumbnail> group =
        TaskGroup.builder()
            .name("ThumbnailService.fetchThumbnails")
            .concurrency(8)
            .timeout(Duration.ofSeconds(5))
            .open()) {
      for (String id : ids) {
        group.spawn(() -> fetchThumbnail(id));
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
      throw FanOutExceptions.interrupted("ThumbnailService.fetchThumbnails", e);
    }
  }
}
