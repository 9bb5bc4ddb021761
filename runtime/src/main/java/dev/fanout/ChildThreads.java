package dev.fanout;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the threads that run child tasks: virtual threads where the JDK has them (21+), daemon
 * platform threads otherwise.
 *
 * <p>The choice is made once, when this class initializes, and is visible through {@link
 * TaskGroup#usesVirtualThreads()}. The system property {@code fanout.threads=platform} forces
 * platform threads, so a JDK 21+ build can test both kinds.
 *
 * <p>Names. A virtual thread is named after its group ({@code fanout-<group>}): one string per
 * group, since building {@code fanout-<group>-<index>} for every task cost as much as the rest of
 * the task's bookkeeping. A platform thread costs far more than a name, so it is named after the
 * task it runs ({@code fanout-<group>-<index>}), and a reused worker is renamed for each task.
 */
final class ChildThreads {
  /** System property that forces platform threads when set to {@code platform}. */
  static final String THREADS_PROPERTY = "fanout.threads";

  /**
   * {@code (String) -> ThreadFactory}: {@code Thread.ofVirtual().name(name).factory()}, or null
   * when platform threads are used. Looked up reflectively: the library compiles with {@code
   * --release 17}, where those methods do not exist.
   */
  private static final MethodHandle VIRTUAL_FACTORY = virtualFactoryIfAvailable();

  private ChildThreads() {}

  static boolean virtual() {
    return VIRTUAL_FACTORY != null;
  }

  /**
   * A factory of virtual threads all named {@code name}, or null on platform threads. One per
   * group, made at its first spawn.
   */
  static ThreadFactory virtualFactory(String name) {
    if (VIRTUAL_FACTORY == null) {
      return null;
    }
    try {
      return (ThreadFactory) VIRTUAL_FACTORY.invokeExact(name);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("Thread.ofVirtual().name(..).factory() failed", e);
    }
  }

  /**
   * A new, unstarted daemon platform thread: a group that was never closed (a bug this library
   * reports elsewhere) cannot keep the JVM alive.
   */
  static Thread newPlatformThread(Runnable task, String name) {
    Thread thread = new Thread(null, task, name, 0, false);
    thread.setDaemon(true);
    return thread;
  }

  private static MethodHandle virtualFactoryIfAvailable() {
    if ("platform".equalsIgnoreCase(System.getProperty(THREADS_PROPERTY, ""))) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle newBuilder =
          lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
      MethodHandle name =
          lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class));
      MethodHandle factory =
          lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
      // (String name) -> Thread.ofVirtual().name(name).factory()
      MethodHandle chain =
          MethodHandles.filterReturnValue(
              MethodHandles.foldArguments(name, newBuilder),
              factory.asType(MethodType.methodType(ThreadFactory.class, ofVirtual)));
      // Probe once: on JDK 19-20 without --enable-preview the builder exists but throws.
      ThreadFactory probe = (ThreadFactory) chain.invokeExact("fanout-probe");
      return probe == null ? null : chain;
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return null; // JDK 17-18: no virtual threads
    } catch (UnsupportedOperationException e) {
      return null; // JDK 19-20 without --enable-preview: virtual threads are a disabled preview
    } catch (IllegalAccessException e) {
      throw new AssertionError("Thread.ofVirtual() is public API", e);
    } catch (Throwable e) {
      return null;
    }
  }
}
