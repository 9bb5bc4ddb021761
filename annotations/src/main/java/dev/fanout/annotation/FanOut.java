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
 * <p>The code generation that implements these methods is the subject of Fanout's annotation
 * processor; see the project README for its status.
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
