package dev.fanout.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * Fanout's annotation processor: for each interface with abstract {@code @FanOut} methods (declared
 * or inherited) it generates an abstract class {@code <Interface>FanOut} implementing them over a
 * {@code TaskGroup}, and reports every misuse as a compile error on the element to change.
 *
 * <p>Each interface goes through the stages in order: {@link ServiceAnalyzer} validates it and
 * every one of its {@code @FanOut} methods into one report, and builds the models only when that
 * report has no blocking error; {@link ServiceWriter} then renders them. A rejected interface gets
 * its whole report printed, the errors of all its methods, and no class.
 *
 * <p>It never claims annotations. Interfaces whose signatures mention types that do not exist yet
 * (another processor may still generate them) are deferred to a later round by name. An unexpected
 * exception becomes an {@code [FanOut/InternalError]} diagnostic with its stack trace, never a
 * crash of the compiler.
 */
@AutoService(Processor.class)
public final class FanOutProcessor extends AbstractProcessor {
  /** Interfaces deferred from an earlier round, with the types they were waiting for. */
  private final Map<String, Set<String>> deferred = new LinkedHashMap<>();
  /** Interfaces already handled (generated or rejected): each is handled once per compilation. */
  private final Set<String> handled = new HashSet<>();
  /** The classes this processor generated, by qualified name, each with its interface's. */
  private final Map<String, String> generated = new HashMap<>();
  /** Diagnostics already printed, so that an inherited method's problem is printed once. */
  private final Set<String> printed = new HashSet<>();

  /**
   * The analyzer of the current round, made on first use (inside the guard that turns an
   * unexpected exception into a diagnostic): its type lookups are made once a round, not once per
   * interface.
   */
  private ServiceAnalyzer roundAnalyzer;

  /** Created in {@link #init}: its memo and "reported once" set span the compilation. */
  private SendableChecks sendable;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    sendable = new SendableChecks(env);
    sendable.reportBadOption(env.getMessager());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(FanOutMethodValidator.FAN_OUT, SendableAnalysis.ASSUME_SENDABLE);
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
    // Each interface is guarded on its own below; this outer guard covers the round's own steps.
    guarded(null, () -> processRound(round));
    return false;
  }

  private void processRound(RoundEnvironment round) {
    Elements elements = processingEnv.getElementUtils();
    TypeElement fanOut = elements.getTypeElement(FanOutMethodValidator.FAN_OUT);
    if (fanOut == null) {
      return; // fanout-annotations is not on the class path: nothing can be annotated
    }
    checkAssumeSendableReasons(round);
    // By element, not by name: a local interface has no name to look it up by.
    Map<String, TypeElement> services = new LinkedHashMap<>();
    for (String name : deferred.keySet()) {
      TypeElement service = elements.getTypeElement(name);
      if (service != null) {
        services.put(name, service);
      }
    }
    deferred.clear();
    for (Element element : round.getElementsAnnotatedWith(fanOut)) {
      if (!(element instanceof ExecutableElement)) {
        continue; // on a type or a field: javac reports that @FanOut does not apply there
      }
      guarded(element, () -> {
        TypeElement service = serviceOf((ExecutableElement) element);
        if (service != null) {
          services.put(service.getQualifiedName().toString(), service);
        }
      });
    }
    for (TypeElement type : interfacesIn(round)) {
      guarded(type, () -> {
        if (!ServiceAnalyzer.fanOutMethods(type, elements, processingEnv.getTypeUtils()).isEmpty()) {
          services.put(type.getQualifiedName().toString(), type); // e.g. inherits @FanOut methods
        }
      });
    }
    Set<String> inThisRound = new HashSet<>();
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      inThisRound.add(type.getQualifiedName().toString());
    }
    Predicate<Element> inSource = element -> inThisRound.contains(outermostType(element));
    roundAnalyzer = null;
    for (Map.Entry<String, TypeElement> entry : services.entrySet()) {
      if (handled.add(entry.getKey())) {
        guarded(entry.getValue(), () -> handle(entry.getKey(), entry.getValue(), inSource));
      }
    }
    roundAnalyzer = null; // it holds this round's elements
    if (round.processingOver()) {
      reportNeverResolved();
    }
  }

  /**
   * Runs one step; an exception in it (a bug in this processor, or in a wrapped processing
   * environment) becomes an {@code [FanOut/InternalError]} on {@code element} (on the round, when
   * null), and the other elements are still processed.
   */
  private void guarded(Element element, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
      reportInternalError(processingEnv.getMessager(), element, e);
    }
  }

  private static String outermostType(Element element) {
    Element outermost = null;
    for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getKind().isClass() || e.getKind().isInterface()) {
        outermost = e;
      }
    }
    return outermost == null ? "" : ((TypeElement) outermost).getQualifiedName().toString();
  }

  /** {@code @AssumeSendable} vouches for a type; the reason why must be written down. */
  private void checkAssumeSendableReasons(RoundEnvironment round) {
    TypeElement assume = processingEnv.getElementUtils().getTypeElement(SendableAnalysis.ASSUME_SENDABLE);
    if (assume == null) {
      return;
    }
    for (Element element : round.getElementsAnnotatedWith(assume)) {
      AnnotationMirror mirror = Annotations.find(element, SendableAnalysis.ASSUME_SENDABLE);
      if (mirror != null) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
            mirror.getElementValues().entrySet()) {
          Object reason = entry.getValue().getValue();
          if (reason instanceof String && ((String) reason).isBlank()) {
            ValidationReport report = new ValidationReport();
            report.error(
                Message.ASSUME_SENDABLE_REASON, element, mirror, entry.getValue(), element.getSimpleName());
            report.printTo(processingEnv.getMessager(), printed);
          }
        }
      }
    }
  }

  private void handle(String name, TypeElement service, Predicate<Element> inSource) {
    if (roundAnalyzer == null) {
      roundAnalyzer = new ServiceAnalyzer(processingEnv, sendable, inSource);
    }
    ServiceAnalyzer.Outcome outcome = roundAnalyzer.analyze(service, generated);
    if (outcome instanceof ServiceAnalyzer.Defer) {
      handled.remove(name);
      deferred.put(name, ((ServiceAnalyzer.Defer) outcome).unresolved());
      return;
    }
    if (outcome instanceof ServiceAnalyzer.Reject) {
      ((ServiceAnalyzer.Reject) outcome).report().printTo(processingEnv.getMessager(), printed);
      return;
    }
    ServiceAnalyzer.Generate generate = (ServiceAnalyzer.Generate) outcome;
    generate.report().printTo(processingEnv.getMessager(), printed);
    // Rendered whole before the file is created (a rendering bug must not leave an empty file
    // behind), then written at once: JavaPoet appends in small pieces, and each append to the
    // Filer's writer would go through the charset encoder.
    String source = ServiceWriter.write(generate.model()).toString();
    String className = generate.model().generatedClass().canonicalName();
    // Exactly one originating element per file: what Gradle's isolating mode relies on.
    try (Writer writer = processingEnv.getFiler().createSourceFile(className, service).openWriter()) {
      writer.write(source);
      generated.put(className, service.getQualifiedName().toString());
    } catch (IOException e) {
      error(Message.WRITE_FAILED, service, generate.model().generatedClass(), e.getMessage());
    }
  }

  /**
   * The interface a {@code @FanOut} method belongs to, or null after reporting why it cannot be
   * implemented. javac itself rejects {@code @FanOut} on anything but a method.
   */
  private TypeElement serviceOf(ExecutableElement method) {
    Element owner = method.getEnclosingElement();
    String display = Describe.method(method);
    if (owner.getKind() != ElementKind.INTERFACE) {
      error(
          Message.NOT_IN_INTERFACE,
          method,
          display,
          owner.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          owner.getSimpleName());
      return null;
    }
    if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
      String why =
          method.getModifiers().contains(Modifier.DEFAULT)
              ? "a default method"
              : method.getModifiers().contains(Modifier.STATIC) ? "static" : "private";
      error(Message.NOT_ABSTRACT, method, display, why);
      return null;
    }
    return (TypeElement) owner;
  }

  private void error(Message message, Element element, Object... args) {
    ValidationReport report = new ValidationReport();
    report.error(message, element, args);
    report.printTo(processingEnv.getMessager(), printed);
  }

  /** Every interface among the round's root elements, nested ones included. */
  private static Set<TypeElement> interfacesIn(RoundEnvironment round) {
    Set<TypeElement> found = new LinkedHashSet<>();
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      collectInterfaces(type, found);
    }
    return found;
  }

  private static void collectInterfaces(TypeElement type, Set<TypeElement> found) {
    if (type.getKind() == ElementKind.INTERFACE) {
      found.add(type);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collectInterfaces(nested, found);
    }
  }

  private void reportNeverResolved() {
    for (Map.Entry<String, Set<String>> entry : deferred.entrySet()) {
      TypeElement service = processingEnv.getElementUtils().getTypeElement(entry.getKey());
      if (service == null) {
        continue; // gone from the compilation: nothing left to report on
      }
      error(
          Message.UNRESOLVED_TYPE,
          service,
          entry.getKey(),
          String.join(", ", entry.getValue()),
          ServiceAnalyzer.generatedName(service, processingEnv.getElementUtils()).simpleName());
    }
    deferred.clear();
  }

  /**
   * The simple name of the class generated for an interface, from the simple names of the
   * interface and the types it is nested in, outermost first: {@code [ThumbnailService]} gives
   * {@code ThumbnailServiceFanOut}, {@code [Catalog, Images]} gives {@code Catalog_ImagesFanOut}
   * (a top-level class in the interface's package). This is the one place the rule is written;
   * fanout-testing's {@code FanoutCompiler.generatedClassName} calls it.
   */
  public static String generatedSimpleName(List<String> enclosingNames) {
    return String.join("_", enclosingNames) + "FanOut";
  }

  /** An unexpected exception, as a diagnostic with its trace instead of a compiler crash. */
  static void reportInternalError(Messager messager, Element element, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String text = Message.INTERNAL_ERROR.format(element == null ? "the round" : element.toString(), trace);
    if (element != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, element);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, text);
    }
  }
}
