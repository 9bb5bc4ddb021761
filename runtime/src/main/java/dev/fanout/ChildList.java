package dev.fanout;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The tasks of a group in spawn order: written by the owner alone, readable by any thread (a
 * canceller walks it to interrupt running tasks).
 *
 * <p>Single-writer publication: the owner stores an element, then publishes it with a volatile
 * write of {@link #size}; a grown or compacted array is published (volatile) before the size that
 * refers to it. A reader reads {@code size} first, then {@code array}, bounds the walk by the array
 * it got and skips nulls. An array that has been replaced is never written again, so a reader on
 * an old array sees a consistent (older) picture; a task appended after its snapshot is the
 * spawner's to check (see {@code GroupCore.spawn}).
 *
 * <p>A discarding group {@linkplain #compact compacts} the list, dropping tasks that are settled and
 * whose thread has terminated, so the list holds O(running) tasks however many were spawned; in a
 * result-keeping group positions equal spawn indexes.
 */
final class ChildList {
  private volatile ChildTask<?>[] array = new ChildTask<?>[16];
  private volatile int size;

  /** Appends {@code task}. Owner only. */
  void add(ChildTask<?> task) {
    ChildTask<?>[] a = array;
    int n = size;
    if (n == a.length) {
      a = Arrays.copyOf(a, n + (n >> 1));
      array = a;
    }
    a[n] = task;
    size = n + 1;
  }

  /** The task at {@code position} (its spawn index, in a group that never compacts). Owner only. */
  ChildTask<?> get(int position) {
    return array[position];
  }

  /** How many tasks the list holds. */
  int size() {
    return size;
  }

  /** Calls {@code action} on every task in the list. Any thread. */
  void forEach(Consumer<ChildTask<?>> action) {
    int n = size;
    ChildTask<?>[] a = array;
    for (int i = 0, end = Math.min(n, a.length); i < end; i++) {
      ChildTask<?> task = a[i];
      if (task != null) {
        action.accept(task);
      }
    }
  }

  /**
   * Drops the tasks {@code finished} accepts, keeping the others in order, into a new array.
   * Owner only.
   */
  void compact(Predicate<ChildTask<?>> finished) {
    ChildTask<?>[] a = array;
    int n = size;
    ChildTask<?>[] kept = new ChildTask<?>[Math.max(16, n)];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!finished.test(a[i])) {
        kept[k++] = a[i];
      }
    }
    array = kept;
    size = k;
  }
}
