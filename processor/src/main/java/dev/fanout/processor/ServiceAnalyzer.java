package dev.fanout.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides what to do with one service interface: generate it (a {@link ServiceModel}), report why
 * not (a {@link ValidationReport} with errors), or wait for a later round because its signatures
 * mention types that do not exist yet.
 *
 * <p>Two steps, as Dagger's processing steps do it: report, then build only for clean input.
 * Validation checks the interface, then every one of its {@code @FanOut} methods ({@link
 * FanOutMethodValidator}), all into one report, so that one build shows the errors of every method
 * and not only the first one's. Only when that report has no blocking error are the models built
 * ({@link FanOutMethodModels}), and that step reports nothing.
 */
final class ServiceAnalyzer {
  /** The decision for one interface. */
  sealed interface Outcome permits Generate, Reject, Defer {}

  record Generate(ServiceModel model, ValidationReport report) implements Outcome {}

  record Reject(ValidationReport report) implements Outcome {}

  /** @param unresolved the names of the types that did not resolve */
  record Defer(Set<String> unresolved) implements Outcome {}

  private final Types types;
  private final Elements elements;
  private final FanOutMethodValidator methodValidator;
  private final FanOutMethodModels methodModels;
  private final ClassName generatedAnnotation;
  private final Predicate<Element> inSource;

  ServiceAnalyzer(
      ProcessingEnvironment env, SendableChecks sendable, Predicate<Element> inSource) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.methodValidator = new FanOutMethodValidator(env, sendable, inSource);
    this.methodModels = new FanOutMethodModels(env);
    this.inSource = inSource;
    this.generatedAnnotation =
        env.getSourceVersion().compareTo(javax.lang.model.SourceVersion.RELEASE_8) > 0
                && elements.getTypeElement("javax.annotation.processing.Generated") != null
            ? ClassName.get("javax.annotation.processing", "Generated")
            : null;
  }

  /** The abstract {@code @FanOut} methods of {@code service}, declared or inherited. */
  static List<ExecutableElement> fanOutMethods(
      TypeElement service, Elements elements, Types types) {
    List<ExecutableElement> found = new ArrayList<>();
    Set<String> signatures = new java.util.HashSet<>();
    DeclaredType serviceType = (DeclaredType) service.asType();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(service))) {
      if (method.getModifiers().contains(Modifier.ABSTRACT)
          && fanOutAnnotation(method) != null
          // Inherited along two paths, it is still one method to implement. Two overloads are
          // told apart as javac does, by their erased parameter types, never by parameter names.
          && signatures.add(erasedSignature(method, serviceType, types))) {
        found.add(method);
      }
    }
    return found;
  }

  /**
   * {@code name(erased parameter types,...)} as a member of the service: how javac tells two
   * methods apart.
   */
  static String erasedSignature(
      ExecutableElement method, DeclaredType serviceType, Types types) {
    ExecutableType signature = (ExecutableType) types.asMemberOf(serviceType, method);
    StringBuilder key = new StringBuilder(method.getSimpleName()).append('(');
    for (TypeMirror parameter : signature.getParameterTypes()) {
      key.append(types.erasure(parameter)).append(',');
    }
    return key.append(')').toString();
  }

  static AnnotationMirror fanOutAnnotation(Element element) {
    return Annotations.find(element, FanOutMethodValidator.FAN_OUT);
  }

  /** The generated class's name: {@code ThumbnailServiceFanOut}, {@code Outer_InnerFanOut}. */
  static ClassName generatedName(TypeElement service, Elements elements) {
    List<String> names = new ArrayList<>();
    for (Element e = service; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return ClassName.get(
        elements.getPackageOf(service).getQualifiedName().toString(),
        FanOutProcessor.generatedSimpleName(names));
  }

  /**
   * @param generatedByUs the classes generated so far in this compilation, each mapped to the
   *     interface it was generated for
   */
  Outcome analyze(TypeElement service, Map<String, String> generatedByUs) {
    DeclaredType serviceType = (DeclaredType) service.asType();
    List<ExecutableElement> fanOuts = fanOutMethods(service, elements, types);

    Set<String> unresolved = new LinkedHashSet<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(service))) {
      ExecutableType signature = (ExecutableType) types.asMemberOf(serviceType, method);
      UnresolvedTypes.collect(signature.getReturnType(), unresolved);
      signature.getParameterTypes().forEach(t -> UnresolvedTypes.collect(t, unresolved));
      signature.getThrownTypes().forEach(t -> UnresolvedTypes.collect(t, unresolved));
    }
    if (!unresolved.isEmpty()) {
      return new Defer(unresolved);
    }

    ValidationReport report = new ValidationReport();
    if (!isImplementable(service)) {
      report.error(Message.INACCESSIBLE_INTERFACE, service, Describe.nestedName(service));
      return new Reject(report);
    }
    ClassName generated = generatedName(service, elements);
    boolean sealed = service.getModifiers().contains(Modifier.SEALED);
    if (sealed
        && service.getPermittedSubclasses().stream()
            // not generated yet, so javac may only know it by the name written in `permits`
            .noneMatch(
                t ->
                    t.toString().equals(generated.canonicalName())
                        || t.toString().equals(generated.simpleName()))) {
      report.error(
          Message.SEALED_SERVICE,
          service,
          Describe.nestedName(service),
          generated.simpleName(),
          generated.simpleName());
      return new Reject(report);
    }
    String owner = generatedByUs.get(generated.canonicalName());
    if (owner != null && !owner.equals(service.getQualifiedName().toString())) {
      TypeElement ownerType = typeNamedBeside(service, owner);
      report.error(
          Message.GENERATED_NAME_CLASH,
          service,
          generated.simpleName(),
          ownerType == null ? owner : Describe.nestedName(ownerType),
          Describe.nestedName(service));
      return new Reject(report);
    }
    TypeElement existing = owner != null ? null : typeNamedBeside(service, generated.canonicalName());
    if (existing != null && !isEarlierOutputFor(existing, service)) {
      report.error(
          Message.NAME_CLASH, service, generated.simpleName(), Describe.nestedName(service));
      return new Reject(report);
    }

    // Step 1, validation: every method, whatever the others' errors, so one build reports them all.
    List<ValidatedMethod> validated = new ArrayList<>();
    for (ExecutableElement method : fanOuts) {
      ValidatedMethod valid =
          methodValidator.validate(service, serviceType, method, fanOutAnnotation(method), report);
      if (valid != null) {
        validated.add(valid);
      }
    }
    if (report.hasErrors()) {
      return new Reject(report);
    }

    // Step 2, the models: the input is clean, and nothing from here on reports.
    List<FanOutMethodModel> models = new ArrayList<>();
    for (ValidatedMethod method : validated) {
      models.add(methodModels.build(method));
    }

    List<TypeVariableName> typeVariables = new ArrayList<>();
    for (TypeParameterElement parameter : service.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(parameter));
    }
    ClassName serviceClass = ClassName.get(service);
    TypeName implemented = TypeName.get(serviceType);
    ServiceModel.Deprecation deprecation = deprecation(service);
    return new Generate(
        new ServiceModel(
            generated,
            serviceClass,
            Describe.nestedName(service),
            implemented,
            typeVariables,
            isPublicAllTheWay(service),
            generatedAnnotation,
            sealed,
            deprecation,
            classSuppressedWarnings(service, serviceType, deprecation),
            namesToQualify(service, serviceType),
            models),
        report);
  }

  /**
   * The type named {@code name} as {@code service}'s module sees it, or null. One module is
   * searched: javac's lookup without a module tries every module of the compilation, which for a
   * name that does not exist yet (the usual answer here) was a measurable share of the processor's
   * time.
   */
  private TypeElement typeNamedBeside(TypeElement service, String name) {
    ModuleElement module = elements.getModuleOf(service);
    return module == null ? elements.getTypeElement(name) : elements.getTypeElement(module, name);
  }

  /**
   * Types the generated class refers to from other packages, besides those of the interface's
   * signatures: java.lang's (imports skipped), java.util's, java.time's and Fanout's.
   */
  private static final Set<String> WRITER_TYPES =
      Set.of(
          "Thread", "Object", "Override", "Deprecated", "SuppressWarnings", "Throwable",
          "InterruptedException", "IllegalArgumentException", "Void", "Generated", "TaskGroup",
          "Subtask", "TaskGroupException", "TaskGroupTimeoutException", "FanOutExceptions",
          "Objects", "Collections", "LinkedHashSet", "HashSet", "List", "Set", "Map", "Duration");

  /**
   * Simple names the generated class must always write qualified, because a type of its own
   * scope would hide the import: the member types the service declares or inherits, and the
   * types of the service's package named like a type the class uses from another package (a
   * user's {@code record Thread} beside the interface hides {@code java.lang.Thread}).
   */
  private List<String> namesToQualify(TypeElement service, DeclaredType serviceType) {
    Set<String> names = new LinkedHashSet<>();
    for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(service))) {
      names.add(member.getSimpleName().toString());
    }
    PackageElement pkg = elements.getPackageOf(service);
    Set<String> used = new java.util.HashSet<>(WRITER_TYPES);
    Consumer<TypeElement> foreign =
        type -> {
          if (!elements.getPackageOf(type).equals(pkg)) {
            used.add(outermost(type).getSimpleName().toString());
          }
        };
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(service))) {
      ExecutableType signature = (ExecutableType) types.asMemberOf(serviceType, method);
      MentionedTypes.forEach(signature.getReturnType(), foreign);
      signature.getParameterTypes().forEach(t -> MentionedTypes.forEach(t, foreign));
      signature.getThrownTypes().forEach(t -> MentionedTypes.forEach(t, foreign));
    }
    for (TypeElement type : ElementFilter.typesIn(pkg.getEnclosedElements())) {
      String name = type.getSimpleName().toString();
      if (used.contains(name)) {
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  private List<String> classSuppressedWarnings(
      TypeElement service, DeclaredType serviceType, ServiceModel.Deprecation deprecation) {
    List<String> warnings = new ArrayList<>();
    if (deprecation == ServiceModel.Deprecation.FOR_REMOVAL) {
      warnings.add("removal");
    }
    TypeElement closeable = elements.getTypeElement("java.lang.AutoCloseable");
    TypeMirror interrupted = elements.getTypeElement("java.lang.InterruptedException").asType();
    if (types.isAssignable(types.erasure(serviceType), closeable.asType())) {
      for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(service))) {
        if (method.getSimpleName().contentEquals("close") && method.getParameters().isEmpty()) {
          ExecutableType close = (ExecutableType) types.asMemberOf(serviceType, method);
          if (close.getThrownTypes().stream().anyMatch(t -> types.isAssignable(interrupted, t))) {
            warnings.add("try"); // javac's warning on any such class; the interface chose it
          }
          break;
        }
      }
    }
    return warnings;
  }

  private ServiceModel.Deprecation deprecation(TypeElement service) {
    ServiceModel.Deprecation found = ServiceModel.Deprecation.NONE;
    for (Element e = service; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Deprecated deprecated = e.getAnnotation(Deprecated.class);
      if (deprecated != null && deprecated.forRemoval()) {
        return ServiceModel.Deprecation.FOR_REMOVAL;
      }
      if (deprecated != null || elements.isDeprecated(e)) {
        found = ServiceModel.Deprecation.DEPRECATED;
      }
    }
    return found;
  }

  private static TypeElement outermost(TypeElement type) {
    TypeElement outer = type;
    while (outer.getEnclosingElement() instanceof TypeElement) {
      outer = (TypeElement) outer.getEnclosingElement();
    }
    return outer;
  }

  /**
   * Whether {@code existing} is what this processor generated for {@code service} in an earlier
   * compilation (a class file on the class path: a build's stale output, or the main build's
   * output seen by a test that compiles the interface again). It is then generated anew, as the
   * sources are. A type of that name in the sources being compiled is always a clash.
   */
  private boolean isEarlierOutputFor(TypeElement existing, TypeElement service) {
    return !inSource.test(existing)
        && existing.getKind() == ElementKind.CLASS
        && existing.getModifiers().contains(Modifier.ABSTRACT)
        && existing.getInterfaces().stream()
            .anyMatch(i -> types.isSameType(types.erasure(i), types.erasure(service.asType())));
  }

  private static boolean isImplementable(TypeElement service) {
    for (Element e = service; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      TypeElement type = (TypeElement) e;
      if (type.getModifiers().contains(Modifier.PRIVATE)
          || type.getNestingKind() == NestingKind.LOCAL
          || type.getNestingKind() == NestingKind.ANONYMOUS) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPublicAllTheWay(TypeElement service) {
    for (Element e = service; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      if (!e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
