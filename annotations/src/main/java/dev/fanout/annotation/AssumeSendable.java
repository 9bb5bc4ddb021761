package dev.fanout.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells Fanout's compile-time Sendable check to trust that a type, field, record component or
 * parameter is safe to share between threads, although the check cannot prove it: for instance a
 * class that guards its mutable state with a lock, or a collection that is never modified after
 * construction.
 *
 * <p>A child task's result crosses from the child's thread to its owner's; Fanout requires it to
 * be immutable or thread-safe ("Sendable", as Swift calls it). Use this annotation sparingly, and
 * say why in {@link #reason()}: an empty reason is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.TYPE,
  ElementType.FIELD,
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER
})
public @interface AssumeSendable {
  /** Why sharing this between threads is safe; required and non-empty. */
  String reason();
}
