package dev.fanout.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/** Heap reachable at a point in time, for the memory scenarios. */
final class Heap {
  private static final List<MemoryPoolMXBean> POOLS = ManagementFactory.getMemoryPoolMXBeans();

  private Heap() {}

  /**
   * Heap in use right after a few full collections, the same measurement for every memory table.
   * One System.gc() may leave garbage that only became unreachable during it (a cleared reference,
   * a thread that was still exiting), so it repeats, pausing for such threads to finish.
   *
   * <p>The figure is each heap pool's usage as the last collection left it, not the current usage:
   * right after a collection, every thread that allocates takes a fresh TLAB, and the current
   * usage counts those whole buffers as used. They are megabytes, and their size follows the
   * JVM's recent allocation, which would put up to 10 MB of noise in a difference.
   */
  static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        Thread.sleep(50);
      }
      System.gc();
    }
    long used = 0;
    for (MemoryPoolMXBean pool : POOLS) {
      MemoryUsage afterCollection = pool.getCollectionUsage(); // null where not supported
      if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
        used += afterCollection.getUsed();
      }
    }
    return used;
  }
}
