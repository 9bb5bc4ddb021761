package dev.fanout.observe;

/** What a {@link TaskGroupListener} is told about a group as it opens. */
public interface GroupInfo {
  /** The group's name: the one given to the builder, or a generated {@code g<number>}. */
  String name();

  /**
   * Whether {@link #name()} was given by the builder (code generated for {@code @FanOut} names
   * every group after its method). Metrics keyed by name should skip generated ones, which are
   * unique per group.
   */
  boolean isNamed();

  /** The thread that opened the group and owns it. */
  Thread owner();

  /** The concurrency limit, or 0 if unbounded. */
  int concurrency();

  /** Whether the group discards results as tasks settle. */
  boolean isDiscarding();

  /** The group whose task opened this one, or null for a top-level group. */
  GroupInfo parent();
}
