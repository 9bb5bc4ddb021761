package dev.fanout.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an abstract method of a service interface whose implementation fans work out over a
 * Fanout {@code TaskGroup}: one child per element of a collection parameter, per named leaf
 * method, or per component of a record result.
 *
 * <pre>{@code
 * public interface ThumbnailService {
 *   Thumbnail fetchThumbnail(String id) throws IOException;
 *
 *   @FanOut(strategy = Strategy.ALL, concurrency = 8, using = "fetchThumbnail")
 *   List<Thumbnail> fetchThumbnails(List<String> ids) throws IOException;
 * }
 * }</pre>
 *
 * <p>Fanout's annotation processor ({@code dev.fanout:fanout-processor}, on the compiler's
 * annotation processor path) generates an abstract class {@code <Interface>FanOut} (for a nested
 * interface {@code Outer.Inner}, {@code Outer_InnerFanOut}) in the interface's package. It
 * implements every {@code @FanOut} method over a {@code dev.fanout.TaskGroup}; you extend it and
 * implement the leaves.
 *
 * <h2>Three ways to fan out</h2>
 *
 * <ul>
 *   <li><b>Over elements</b>: one collection, {@code Iterable} or array parameter (or the one
 *       marked {@link Each}) gives one child per element, each calling the leaf named by {@link
 *       #using()} (by default the overload of the method's own name) with the element in place
 *       of the collection; the other arguments go to every child. {@link Strategy#ALL} returns a
 *       {@code List} or {@code Set} in input order, a {@code Map} keyed by element, or nothing.
 *   <li><b>Over leaves</b>: {@code using = {"alpha", "beta"}} gives one child per named method,
 *       each with the method's own arguments.
 *   <li><b>Over record components</b>: with no collection and no {@code using}, a method that
 *       returns a record calls, at once, the method named like each component with the same
 *       arguments, and builds the record.
 * </ul>
 *
 * A {@code Consumer<? super R>} parameter receives the results as they complete, on the calling
 * thread ({@link Strategy#ALL} only); on a {@code void} method that is the streaming shape, which
 * returns nothing.
 *
 * <h2>What the generated method guarantees</h2>
 *
 * <ul>
 *   <li>It returns only after every child has terminated; losers and, on failure, siblings are
 *       cancelled.
 *   <li>A leaf's exception is rethrown as itself, unwrapped and unchanged, so callers' {@code
 *       catch} blocks keep working; the other failures, if any, are logged with it (logger {@code
 *       dev.fanout}, WARNING).
 *   <li>A {@link #timeout()} that elapses cancels the children and throws {@code
 *       java.util.concurrent.TimeoutException} if the method declares it, otherwise the runtime's
 *       unchecked {@code TaskGroupTimeoutException}.
 *   <li>An interrupt cancels the children and throws {@code InterruptedException} if the method
 *       declares it, otherwise a {@code CancellationException} with the interrupt flag restored.
 *   <li>Empty input: {@link Strategy#ALL} returns an empty result; {@link Strategy#RACE} and
 *       {@link Strategy#ANY} throw {@code IllegalArgumentException} naming the parameter.
 * </ul>
 *
 * <h2>Checked at compile time</h2>
 *
 * A misuse (no leaf of that name, a leaf whose checked exceptions the method does not declare, a
 * negative {@link #concurrency()}, a malformed {@link #timeout()}, a child result that is not
 * safe to hand across threads) is a compile error on the annotation or element to change, with a
 * stable code such as {@code [FanOut/NotSendable]} and the fix in its text. A child result must be
 * immutable or thread-safe (records of such values, {@code String}, {@code java.time} types,
 * {@code List.of(...)}, types annotated {@code @Immutable} or {@code @ThreadSafe}, or {@link
 * AssumeSendable}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface FanOut {
  /** How the children's results are combined. */
  Strategy strategy() default Strategy.ALL;

  /** At most this many children run at once; 0 (the default) means unbounded. Never negative. */
  int concurrency() default 0;

  /**
   * How long the whole fan-out may take, such as {@code "250ms"}, {@code "5s"}, {@code "2m"} or
   * an ISO-8601 duration like {@code "PT5S"}; empty (the default) means no timeout.
   */
  String timeout() default "";

  /**
   * The leaf methods the children call. Over elements: one name (default: the method's own name,
   * as an overload taking one element). Over methods: several names, one child each.
   */
  String[] using() default {};
}
