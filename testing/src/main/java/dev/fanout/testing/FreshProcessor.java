package dev.fanout.testing;

import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A processor that is a new instance of the wrapped one in every compilation.
 *
 * <p>javac initializes a processor instance once ({@code AbstractProcessor.init} throws "Cannot
 * call init more than once"), and Fanout's processors keep per-compilation state in fields. A
 * compile-testing {@code Compiler}, though, is an immutable value that users keep in a field and
 * compile with many times; with the processors themselves in it, the second {@code compile} would
 * fail. So each {@link #init} creates the instance that serves that compilation.
 *
 * <p>Implementation note: the instance is kept per thread, because javac calls a compilation's
 * processors on the thread that called {@code compile}, and tests may compile in parallel with one
 * {@code Compiler}. It is dropped after the last round, so that a finished compilation's javac
 * context is not kept alive by the thread.
 */
final class FreshProcessor implements Processor {
  private final Supplier<? extends Processor> factory;
  /**
   * Answers what javac may ask outside a compilation; these answers do not depend on one (javac
   * asks them after {@code init}, and then the compilation's own instance answers).
   */
  private final Processor prototype;

  private final ThreadLocal<Processor> current = new ThreadLocal<>();

  FreshProcessor(Supplier<? extends Processor> factory) {
    this.factory = factory;
    this.prototype = factory.get();
  }

  @Override
  public void init(ProcessingEnvironment processingEnv) {
    Processor processor = factory.get();
    processor.init(processingEnv);
    current.set(processor);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    Processor processor = current.get();
    if (processor == null) {
      throw new IllegalStateException(
          "process() called without init() on this thread for " + prototype.getClass().getName());
    }
    boolean done = roundEnv.processingOver();
    try {
      return processor.process(annotations, roundEnv);
    } catch (RuntimeException | Error e) {
      done = true; // javac ends the compilation: no later round will come to let go of it
      throw e;
    } finally {
      if (done) {
        current.remove();
      }
    }
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate().getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate().getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate().getSupportedSourceVersion();
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate().getCompletions(element, annotation, member, userText);
  }

  @Override
  public String toString() {
    return prototype.getClass().getName();
  }

  private Processor delegate() {
    Processor processor = current.get();
    return processor != null ? processor : prototype;
  }
}
