/**
 * Fanout's runtime: {@link dev.fanout.TaskGroup}, a structured fan-out scope whose child tasks
 * never outlive it. Depends on nothing but {@code java.base}.
 */
module dev.fanout {
  exports dev.fanout;
}
