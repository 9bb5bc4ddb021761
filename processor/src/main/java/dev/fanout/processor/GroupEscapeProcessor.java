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

/**
 * Keeps every {@code TaskGroup} inside the try-with-resources block that owns it, in every file of
 * the compilation, whether or not it uses {@code @FanOut}.
 *
 * <ul>
 *   <li>Declarations, on any compiler: no field, method result, record component, array component
 *       or type argument of type {@code TaskGroup} ({@link GroupDeclarationChecks}).
 *   <li>Method bodies, on javac: {@code open()} only as a try-with-resources resource; the group's
 *       value, followed through aliases, casts and conditionals, never returned, stored in a field,
 *       array or collection, passed to a parameter that is not a {@code TaskGroup}, nor captured by
 *       a lambda, method reference or class, except lambdas a JDK method runs at once on this
 *       thread ({@code forEach}, a sequential stream ending in a terminal operation); and every
 *       hand-written {@code spawn} returns a Sendable result ({@link GroupBodyChecks}, a {@code
 *       TaskListener} after analysis).
 * </ul>
 *
 * Under javac the declaration checks also run after analysis, not during processing: an error
 * reported while processing ends a javac compilation before analysis, which would hide every body
 * check of the build. Because it looks at every file it is declared "aggregating" to Gradle, unlike
 * {@link FanOutProcessor}, which is isolating. Where javac's trees are not available (Eclipse's
 * compiler, a wrapped processing environment) it says so once in a note and keeps the declaration
 * checks; the runtime still enforces structure at run time.
 */
@AutoService(Processor.class)
public final class GroupEscapeProcessor extends AbstractProcessor {
  static final String TASK_GROUP = "dev.fanout.TaskGroup";

  private GroupDeclarationChecks declarations;
  private GroupBodyChecks bodyChecks; // null: not javac
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
      GroupBodyChecks checks =
          new GroupBodyChecks(env, declarations, sendable.analysis(), sendable.kind());
      JavacTask.instance(env).addTaskListener(checks);
      bodyChecks = checks;
    } catch (IllegalArgumentException | LinkageError | UnsupportedOperationException e) {
      bodyChecks = null; // not javac, or a wrapped environment: see the note in process()
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
    if (bodyChecks == null && !notedUnavailable) {
      notedUnavailable = true;
      Message note = Message.BODY_CHECKS_UNAVAILABLE;
      processingEnv.getMessager().printMessage(note.kind(), note.format());
    }
    if (bodyChecks != null && round.processingOver() && round.errorRaised()) {
      bodyChecks.checkAwaitingDeclarations(); // javac stops after processing: no analysis follows
    }
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      if (bodyChecks != null) {
        bodyChecks.checkDeclarationsAfterAnalysis(type);
        continue;
      }
      try {
        declarations.check(type);
      } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
        FanOutProcessor.reportInternalError(processingEnv.getMessager(), type, e);
      }
    }
    return false;
  }
}
