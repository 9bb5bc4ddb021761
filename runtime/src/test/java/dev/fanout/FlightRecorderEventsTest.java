package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightRecorderEventsTest {

  @Test
  void aRecordingGetsAGroupEventWithItsCountsAndATaskEventPerTask(@TempDir Path dir)
      throws Exception {
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable("dev.fanout.TaskGroup");
      recording.enable("dev.fanout.Task").withThreshold(Duration.ZERO);
      recording.start();
      try (TaskGroup<String> group = TaskGroup.builder().name("thumbnails").open()) {
        group.spawn(() -> "a");
        group.spawn(() -> "b");
        group.spawn(() -> { throw new IOException("c is missing"); });
        assertThrows(TaskGroupException.class, group::all);
      }
      recording.stop();
      events = read(recording, dir);
    }
    List<RecordedEvent> groups = ofType(events, "dev.fanout.TaskGroup");
    assertEquals(1, groups.size(), groups.toString());
    RecordedEvent group = groups.get(0);
    assertEquals("thumbnails", group.getString("name"));
    assertEquals("all()", group.getString("lastWait"));
    assertEquals(3, group.getInt("tasks"));
    assertEquals(1, group.getInt("failed"));
    assertEquals(
        3, group.getInt("succeeded") + group.getInt("failed") + group.getInt("cancelled"));
    assertFalse(group.getBoolean("timedOut"));
    assertEquals(Thread.currentThread().getName(), group.getThread("owner").getJavaName());
    assertEquals(Thread.currentThread().getName(), group.getThread().getJavaName());
    assertFalse(group.getDuration().isNegative());

    Map<Integer, String> outcomes = new TreeMap<>();
    for (RecordedEvent task : ofType(events, "dev.fanout.Task")) {
      assertEquals("thumbnails", task.getString("group"));
      outcomes.put(task.getInt("index"), task.getString("outcome") + " " + task.getString("exception"));
    }
    assertEquals("FAILED java.io.IOException", outcomes.get(2));
  }

  @Test
  void theTaskEventIsOffByDefaultSoOnlyGroupsAreRecorded(@TempDir Path dir) throws Exception {
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable("dev.fanout.TaskGroup"); // the task event keeps its default: disabled
      recording.start();
      try (TaskGroup<Integer> group = TaskGroup.builder().name("many").open()) {
        for (int i = 0; i < 100; i++) {
          int n = i;
          group.spawn(() -> n);
        }
        assertEquals(100, group.all().size());
      }
      recording.stop();
      events = read(recording, dir);
    }
    assertEquals(1, ofType(events, "dev.fanout.TaskGroup").size());
    assertEquals(0, ofType(events, "dev.fanout.Task").size());
  }

  @Test
  void aTimedOutGroupSaysSoAndHowLongItsTimeoutWas(@TempDir Path dir) throws Exception {
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable("dev.fanout.TaskGroup");
      recording.start();
      try (TaskGroup<String> group = TaskGroup.builder().name("slow").open()) {
        group.spawn(() -> { new java.util.concurrent.CountDownLatch(1).await(); return "never"; });
        assertThrows(TaskGroupTimeoutException.class, () -> group.all(Duration.ofMillis(5)));
      }
      recording.stop();
      events = read(recording, dir);
    }
    RecordedEvent group = ofType(events, "dev.fanout.TaskGroup").get(0);
    assertTrue(group.getBoolean("timedOut"));
    assertEquals("TIMEOUT", group.getString("cancelReason"));
    assertEquals(Duration.ofMillis(5), group.getDuration("timeout"));
    assertEquals(1, group.getInt("cancelled"));
  }

  private static List<RecordedEvent> read(Recording recording, Path dir) throws IOException {
    Path file = dir.resolve("fanout.jfr");
    recording.dump(file);
    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    Files.delete(file);
    return events;
  }

  private static List<RecordedEvent> ofType(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
  }
}
