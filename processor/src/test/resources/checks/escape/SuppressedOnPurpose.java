// compilers: javac
// expect: clean
package test;

import dev.fanout.TaskGroup;
import java.util.concurrent.ExecutorService;

class SuppressedOnPurpose {
  @SuppressWarnings("FanOut/GroupEscapes") // the pool is shut down before the block ends
  void run(ExecutorService pool) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.open()) {
      pool.submit(() -> group.cancel());
      pool.shutdown();
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
