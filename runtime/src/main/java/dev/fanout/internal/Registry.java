package dev.fanout.internal;

import dev.fanout.Registration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The JVM-wide list of one kind of extension (context propagators, group listeners): the
 * implementations found with {@link ServiceLoader} (in class-name order, so that the order does
 * not depend on the class path), then those registered in code, in registration order. Backs
 * {@code ContextPropagators} and {@code TaskGroupListeners}; not API.
 *
 * <p>Discovery runs once, at the first {@link #active()} call, with the class loader that loaded
 * Fanout. Every group open reads {@link #active()}: one volatile read of an immutable list, and an
 * empty list when nothing is registered, so that the cost of an unused extension point is nil. A
 * provider that cannot be loaded makes every {@link #active()} call throw, naming it: a
 * propagator that carries a tenant or a security context must not silently go missing.
 *
 * @param <E> the extension type
 */
public final class Registry<E> {
  private final Class<E> type;
  private final Object lock = new Object();

  /** Discovered then registered, immutable; null until discovery has run. */
  private volatile List<E> active;

  private List<E> discovered; // guarded by lock; set once
  private List<E> registered = List.of(); // guarded by lock; replaced on change
  private ServiceConfigurationError discoveryFailure; // guarded by lock; set once

  public Registry(Class<E> type) {
    this.type = type;
  }

  /**
   * Everything that applies to a group opened now.
   *
   * @throws IllegalStateException if a provider named in {@code META-INF/services} (or a {@code
   *     provides} clause) cannot be loaded
   */
  public List<E> active() {
    List<E> list = active;
    if (list == null) {
      list = discover();
    }
    return list;
  }

  /** Adds {@code extension} for every group opened from now on. */
  public Registration register(E extension) {
    Objects.requireNonNull(extension, type.getSimpleName());
    synchronized (lock) {
      discover();
      List<E> updated = new ArrayList<>(registered);
      updated.add(extension);
      registered = List.copyOf(updated);
      publish();
    }
    return new Registration() {
      private boolean closed; // guarded by lock

      @Override
      public void close() {
        synchronized (lock) {
          if (closed) {
            return;
          }
          closed = true;
          List<E> updated = new ArrayList<>(registered);
          updated.remove(extension);
          registered = List.copyOf(updated);
          publish();
        }
      }

      @Override
      public String toString() {
        return "Registration[" + extension + "]";
      }
    };
  }

  private List<E> discover() {
    synchronized (lock) {
      if (discovered == null && discoveryFailure == null) {
        try {
          List<E> found = new ArrayList<>();
          ServiceLoader.load(type, Registry.class.getClassLoader()).forEach(found::add);
          found.sort(Comparator.comparing(e -> e.getClass().getName()));
          discovered = List.copyOf(found);
        } catch (ServiceConfigurationError e) {
          discoveryFailure = e;
        }
      }
      if (discoveryFailure != null) {
        throw new IllegalStateException(
            "Fanout could not load a "
                + type.getName()
                + " listed in META-INF/services (or a module's provides clause): "
                + discoveryFailure.getMessage()
                + (discoveryFailure.getCause() == null
                    ? ""
                    : " (" + discoveryFailure.getCause().getMessage() + ")")
                + ". Fix or remove that provider from the class path",
            discoveryFailure);
      }
      if (active == null) {
        publish();
      }
      return active;
    }
  }

  private void publish() { // lock held
    List<E> all = new ArrayList<>(discovered);
    all.addAll(registered);
    active = List.copyOf(all);
  }
}
