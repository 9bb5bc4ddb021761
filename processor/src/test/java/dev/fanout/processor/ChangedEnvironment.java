package dev.fanout.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Runs a processor in a processing environment a test changed: one whose type utilities fail as
 * a bug would, or whose Filer records what it creates. Everything else is the compiler's own.
 */
final class ChangedEnvironment extends AbstractProcessor {
  private final Processor delegate;
  private final UnaryOperator<ProcessingEnvironment> change;

  ChangedEnvironment(Processor delegate, UnaryOperator<ProcessingEnvironment> change) {
    this.delegate = delegate;
    this.change = change;
  }

  /** {@code env}, except that its method {@code getter} returns {@code replacement}. */
  static ProcessingEnvironment replacing(
      ProcessingEnvironment env, String getter, Object replacement) {
    return forwarding(ProcessingEnvironment.class, env, getter, replacement, (method, args) -> {});
  }

  /**
   * A {@code type} that forwards every call to {@code target}, exceptions unwrapped, after telling
   * {@code seen} of it; except {@code replaced}, which returns {@code replacement} (when not null).
   */
  static <T> T forwarding(
      Class<T> type, T target, String replaced, Object replacement, BiConsumer<Method, Object[]> seen) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (replaced != null && method.getName().equals(replaced)) {
                return replacement;
              }
              seen.accept(method, args);
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    delegate.init(change.apply(env));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }
}
