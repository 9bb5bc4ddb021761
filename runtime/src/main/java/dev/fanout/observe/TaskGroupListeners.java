package dev.fanout.observe;

import dev.fanout.Registration;
import dev.fanout.internal.Registry;
import java.util.List;

/** The {@link TaskGroupListener}s that observe every group. */
public final class TaskGroupListeners {
  private static final Registry<TaskGroupListener> REGISTRY =
      new Registry<>(TaskGroupListener.class);

  private TaskGroupListeners() {}

  /**
   * Observes every group opened from now on with {@code listener}.
   *
   * @return closes the registration (groups already open stay observed)
   */
  public static Registration register(TaskGroupListener listener) {
    return REGISTRY.register(listener);
  }

  /**
   * The listeners a group opened now gets: those discovered with {@link java.util.ServiceLoader}
   * (in class-name order), then those registered.
   *
   * @throws IllegalStateException if a discovered provider cannot be loaded
   */
  public static List<TaskGroupListener> registered() {
    return REGISTRY.active();
  }
}
