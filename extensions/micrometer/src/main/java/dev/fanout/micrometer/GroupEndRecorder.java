package dev.fanout.micrometer;

import dev.fanout.observe.GroupObserver;
import dev.fanout.observe.GroupSummary;

/**
 * Follows one group for {@link GroupMetrics}. It overrides {@link #closed} only: the other hooks
 * keep their empty defaults, so the group's tasks run no metrics code at all.
 */
final class GroupEndRecorder implements GroupObserver {
  private final GroupMetrics metrics;
  private final String group; // the tag, fixed at open: isNamed() is not in the summary

  GroupEndRecorder(GroupMetrics metrics, String group) {
    this.metrics = metrics;
    this.group = group;
  }

  @Override
  public void closed(GroupSummary summary) {
    metrics.record(group, summary);
  }
}
