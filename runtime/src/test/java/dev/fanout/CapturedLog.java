package dev.fanout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records a {@link System.Logger} (backed by java.util.logging in these tests) publishes while
 * it is open, kept instead of printed, so that a passing build stays quiet and a test can assert
 * what was logged.
 */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final boolean parents;
  private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(String name) {
    logger = Logger.getLogger(name);
    parents = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
  }

  /** Starts capturing what logger {@code name} publishes. */
  public static CapturedLog of(String name) {
    return new CapturedLog(name);
  }

  /** What was published so far, oldest first. */
  public List<LogRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parents);
  }
}
