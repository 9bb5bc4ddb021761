package dev.fanout;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the threads that run child tasks: virtual threads where the JDK has them (21+), daemon
 * platform threads otherwise.
 *
 * <p>The choice is made once, when this class initializes, and is visible through {@link
 * TaskGroup#usesVirtualThreads()}. The system property {@code fanout.threads=platform} forces
 * platform threads, so a JDK 21+ build can test both kinds.
 */
final class ChildThreads {
  /** System property that forces platform threads when set to {@code platform}. */
  static final String THREADS_PROPERTY = "fanout.threads";

  /** The JDK's unnamed virtual thread factory, or {@code null} when platform threads are used. */
  private static final ThreadFactory VIRTUAL = virtualThreadFactoryIfAvailable();

  private ChildThreads() {}

  static boolean virtual() {
    return VIRTUAL != null;
  }

  /**
   * A new, unstarted thread for {@code task} named {@code name}. Virtual threads are daemon by
   * definition; platform threads are made daemon too, so a group that was never closed (a bug
   * this library reports elsewhere) cannot keep the JVM alive.
   */
  static Thread newThread(Runnable task, String name) {
    if (VIRTUAL != null) {
      Thread thread = VIRTUAL.newThread(task);
      thread.setName(name);
      return thread;
    }
    Thread thread = new Thread(null, task, name, 0, false);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * {@code Thread.ofVirtual().factory()} looked up reflectively: the library compiles with
   * {@code --release 17}, where the method does not exist.
   */
  private static ThreadFactory virtualThreadFactoryIfAvailable() {
    if ("platform".equalsIgnoreCase(System.getProperty(THREADS_PROPERTY, ""))) {
      return null;
    }
    try {
      Method ofVirtual = Thread.class.getMethod("ofVirtual");
      Object builder = ofVirtual.invoke(null);
      Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
      return (ThreadFactory) factory.invoke(builder);
    } catch (NoSuchMethodException | ClassNotFoundException e) {
      return null; // JDK 17-18: no virtual threads
    } catch (InvocationTargetException e) {
      return null; // JDK 19-20 without --enable-preview: virtual threads are a disabled preview
    } catch (IllegalAccessException e) {
      throw new AssertionError("Thread.ofVirtual() is public API", e);
    }
  }
}
