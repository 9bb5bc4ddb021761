package dev.fanout.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.JavacTask;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Keeps every {@code TaskGroup} inside the try-with-resources block that owns it, in every file of
 * the compilation, whether or not it uses {@code @FanOut}.
 *
 * <ul>
 *   <li>Declarations, on any compiler: no field, method result, record component, array component
 *       or type argument of type {@code TaskGroup} ({@link GroupDeclarationChecks}).
 *   <li>Method bodies, on javac: {@code open()} only as a try-with-resources resource; the group
 *       never returned, stored in a field, array or collection, nor captured by a lambda, method
 *       reference or class, except lambdas a JDK method runs at once ({@code forEach}, stream
 *       operations); and every hand-written {@code spawn} returns a Sendable result ({@link
 *       GroupBodyChecks}, a {@code TaskListener} after analysis).
 * </ul>
 *
 * Because it looks at every file it is declared "aggregating" to Gradle, unlike {@link
 * FanOutProcessor}, which is isolating. Where javac's trees are not available (Eclipse's compiler,
 * a wrapped processing environment) it says so once in a note and keeps the declaration checks;
 * the runtime still enforces structure at run time.
 */
@AutoService(Processor.class)
public final class GroupEscapeProcessor extends AbstractProcessor {
  static final String TASK_GROUP = "dev.fanout.TaskGroup";

  private GroupDeclarationChecks declarations;
  private boolean bodyChecks;
  private boolean notedUnavailable;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    if (env.getElementUtils().getTypeElement(TASK_GROUP) == null) {
      return; // the runtime is not on the class path: no group can exist here
    }
    declarations = new GroupDeclarationChecks(env);
    try {
      SendableChecks sendable = new SendableChecks(env); // its bad options are FanOutProcessor's to report
      JavacTask.instance(env)
          .addTaskListener(new GroupBodyChecks(env, sendable.analysis(), sendable.kind()));
      bodyChecks = true;
    } catch (IllegalArgumentException | LinkageError | UnsupportedOperationException e) {
      bodyChecks = false; // not javac, or a wrapped environment: see the note in process()
    }
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return SendableChecks.OPTIONS;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (declarations == null) {
      return false;
    }
    if (!bodyChecks && !notedUnavailable) {
      notedUnavailable = true;
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.NOTE,
              "[FanOut/BodyChecksUnavailable] this compiler does not expose javac's attributed"
                  + " trees, so Fanout checks TaskGroup declarations only (fields, results, type"
                  + " arguments); uses inside method bodies are checked at run time, where misuse"
                  + " throws StructureViolationException");
    }
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      try {
        declarations.check(type);
      } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
        FanOutProcessor.reportInternalError(processingEnv.getMessager(), type, e);
      }
    }
    return false;
  }

}
