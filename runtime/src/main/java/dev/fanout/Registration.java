package dev.fanout;

/**
 * Undoes one registration (of a context propagator or a listener): from the next group opened on,
 * it no longer applies. Groups already open keep what they were opened with. Idempotent.
 */
@FunctionalInterface
public interface Registration extends AutoCloseable {
  /** Removes the registration; calling it again does nothing. */
  @Override
  void close();
}
