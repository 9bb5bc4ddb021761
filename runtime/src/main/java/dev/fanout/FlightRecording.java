package dev.fanout;

import dev.fanout.observe.GroupInfo;
import dev.fanout.observe.GroupObserver;
import java.util.Optional;

/**
 * Whether Fanout can record JDK Flight Recorder events here, and the observer that does when a
 * recording wants them ({@link FlightRecorderObserver}). {@code jdk.jfr} is in every JDK 17+, but a
 * jlinked image may leave it out and a modular application resolves it only if asked ({@code
 * --add-modules jdk.jfr}, or {@code -XX:StartFlightRecording}); then Fanout records nothing and
 * never touches a {@code jdk.jfr} class.
 */
final class FlightRecording {
  private static final boolean AVAILABLE = jfrReadable();

  private FlightRecording() {}

  /** The recording observer for {@code group}, or null if no recording wants its events. */
  static GroupObserver observe(GroupInfo group) {
    return AVAILABLE ? FlightRecorderObserver.open(group) : null;
  }

  private static boolean jfrReadable() {
    Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
    return jfr.isPresent() && FlightRecording.class.getModule().canRead(jfr.get());
  }
}
