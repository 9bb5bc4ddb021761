package dev.fanout.processor;

import java.util.Set;
import java.util.function.BiConsumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A processor for tests that runs {@code action} once, in the first round, and claims nothing:
 * to look at the processing environment, or to generate a type as another processor would.
 */
final class FirstRoundProcessor extends AbstractProcessor {
  private final BiConsumer<ProcessingEnvironment, RoundEnvironment> action;
  private boolean done;

  FirstRoundProcessor(BiConsumer<ProcessingEnvironment, RoundEnvironment> action) {
    this.action = action;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!done) {
      done = true;
      action.accept(processingEnv, round);
    }
    return false;
  }
}
