package test;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupException;
import dev.fanout.internal.FanOutExceptions;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Implements the {@code @FanOut} methods of {@link ProfileService} over a {@link TaskGroup}.
 *
 * <p>Extend this class and implement the remaining abstract methods:
 * the leaves that each child task calls.
 */
@Generated("dev.fanout.processor.FanOutProcessor")
public abstract class ProfileServiceFanOut implements ProfileService {
  /**
   * For subclasses, which implement the leaves.
   */
  protected ProfileServiceFanOut() {
  }

  /**
   * Implements {@link ProfileService#profile(long)}:
   * one child per component of {@link ProfileService.UserProfile},
   * each calling the method of the same name.
   *
   * <p>Strategy ALL: every child must succeed.
   * The first failure cancels the other children.
   * Returns only after every child has terminated.
   */
  @Override
  public ProfileService.UserProfile profile(long id) throws IOException {
    try (TaskGroup<Object> group =
        TaskGroup.builder()
            .name("ProfileService.profile")
            .open()) {
      Subtask<ProfileService.User> user = group.spawn(() -> user(id));
      Subtask<List<ProfileService.Order>> orders = group.spawn(() -> orders(id));
      Subtask<Integer> reviewCount = group.spawn(() -> reviewCount(id));
      group.all();
      return new ProfileService.UserProfile(user.get(), orders.get(), reviewCount.get());
    } catch (TaskGroupException e) {
      Throwable failure = FanOutExceptions.firstFailure(e);
      if (failure instanceof IOException) {
        throw FanOutExceptions.rethrown((IOException) failure, e);
      }
      throw FanOutExceptions.unchecked(failure, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FanOutExceptions.interrupted("ProfileService.profile", e);
    }
  }
}
