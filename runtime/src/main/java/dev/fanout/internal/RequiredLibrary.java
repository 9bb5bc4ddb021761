package dev.fanout.internal;

/**
 * Lets an optional Fanout integration (fanout-slf4j, fanout-opentelemetry...) check that the
 * library it bridges to is present. That library is a {@code provided} dependency (the application
 * brings it, at its own version), so nothing guarantees it; without this check a missing library
 * shows up as a {@code NoClassDefFoundError} in every task's context capture. Not API.
 */
public final class RequiredLibrary {
  private RequiredLibrary() {}

  /**
   * @param integration the integration's class, whose class loader looks the library up
   * @param className a class of the library, looked up without initializing it
   * @param library the library's name for the message
   * @param jar the integration's artifact id for the message
   * @throws IllegalStateException naming what is missing and the two ways out
   */
  public static void check(Class<?> integration, String className, String library, String jar) {
    try {
      Class.forName(className, false, integration.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          jar + " is on the class path but " + library + " is not: add it, or remove " + jar, e);
    }
  }
}
