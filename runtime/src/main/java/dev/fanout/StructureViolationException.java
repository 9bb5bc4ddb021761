package dev.fanout;

/**
 * A {@link TaskGroup} was used outside its structure: from a thread other than its owner, from
 * inside one of its own child tasks, after it was closed, or left open by a child task that
 * returned.
 *
 * <p>These are programming errors, never conditions to recover from; the message says which rule
 * was broken and what to do instead.
 */
public class StructureViolationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  StructureViolationException(String message) {
    super(message);
  }
}
