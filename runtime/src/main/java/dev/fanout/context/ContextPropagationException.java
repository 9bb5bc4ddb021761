package dev.fanout.context;

/**
 * A {@link ContextPropagator} failed to capture, install or restore its context. Thrown by {@code
 * spawn} when the capture fails; otherwise it is the failure of the task whose context could not
 * be installed or restored.
 */
public class ContextPropagationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message which propagator failed, at which step, and for which task
   * @param cause what the propagator threw
   */
  public ContextPropagationException(String message, Throwable cause) {
    super(message, cause);
  }
}
