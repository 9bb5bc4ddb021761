package dev.fanout.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides what to do with one service interface: generate it (a {@link ServiceModel}), report why
 * not (a {@link ValidationReport} with errors), or wait for a later round because its signatures
 * mention types that do not exist yet.
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
  private final FanOutMethodAnalyzer methods;
  private final ClassName generatedAnnotation;

  ServiceAnalyzer(
      ProcessingEnvironment env, SendableChecks sendable, Predicate<Element> inSource) {
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.methods = new FanOutMethodAnalyzer(env, sendable, inSource);
    this.generatedAnnotation =
        env.getSourceVersion().compareTo(javax.lang.model.SourceVersion.RELEASE_8) > 0
                && elements.getTypeElement("javax.annotation.processing.Generated") != null
            ? ClassName.get("javax.annotation.processing", "Generated")
            : null;
  }

  /** The abstract {@code @FanOut} methods of {@code service}, declared or inherited. */
  static List<ExecutableElement> fanOutMethods(TypeElement service, Elements elements) {
    List<ExecutableElement> found = new ArrayList<>();
    Set<String> signatures = new java.util.HashSet<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(service))) {
      if (method.getModifiers().contains(Modifier.ABSTRACT)
          && fanOutAnnotation(method) != null
          // inherited along two paths, it is still one method to implement
          && signatures.add(method.getSimpleName() + method.getParameters().toString())) {
        found.add(method);
      }
    }
    return found;
  }

  static AnnotationMirror fanOutAnnotation(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(FanOutMethodAnalyzer.FAN_OUT)) {
        return mirror;
      }
    }
    return null;
  }

  /** The generated class's name: {@code ThumbnailServiceFanOut}, {@code Outer_InnerFanOut}. */
  static ClassName generatedName(TypeElement service, Elements elements) {
    List<String> names = new ArrayList<>();
    for (Element e = service; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return ClassName.get(
        elements.getPackageOf(service).getQualifiedName().toString(),
        String.join("_", names) + "FanOut");
  }

  Outcome analyze(TypeElement service, Set<String> generatedByUs) {
    DeclaredType serviceType = (DeclaredType) service.asType();
    List<ExecutableElement> fanOuts = fanOutMethods(service, elements);

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
      report.error(Message.INACCESSIBLE_INTERFACE, service, displayName(service));
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
          displayName(service),
          generated.simpleName(),
          generated.simpleName());
      return new Reject(report);
    }
    if (!generatedByUs.contains(generated.canonicalName())
        && elements.getTypeElement(generated.canonicalName()) != null) {
      report.error(
          Message.NAME_CLASH, service, generated.simpleName(), displayName(service));
      return new Reject(report);
    }

    List<FanOutMethodModel> models = new ArrayList<>();
    for (ExecutableElement method : fanOuts) {
      FanOutMethodModel model =
          methods.analyze(service, serviceType, method, fanOutAnnotation(method), report);
      if (model != null) {
        models.add(model);
      }
    }
    if (report.hasErrors()) {
      return new Reject(report);
    }

    List<TypeVariableName> typeVariables = new ArrayList<>();
    for (TypeParameterElement parameter : service.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(parameter));
    }
    ClassName serviceClass = ClassName.get(service);
    TypeName implemented = TypeName.get(serviceType);
    return new Generate(
        new ServiceModel(
            generated,
            serviceClass,
            displayName(service),
            implemented,
            typeVariables,
            isPublicAllTheWay(service),
            generatedAnnotation,
            sealed,
            memberTypeNames(service),
            models),
        report);
  }

  /** Simple names of the member types the service declares or inherits. */
  private List<String> memberTypeNames(TypeElement service) {
    List<String> names = new ArrayList<>();
    for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(service))) {
      names.add(member.getSimpleName().toString());
    }
    return names;
  }

  /** {@code Outer.Inner} for nested interfaces. */
  static String displayName(TypeElement service) {
    List<String> names = new ArrayList<>();
    for (Element e = service; e.getKind().isClass() || e.getKind().isInterface(); e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return String.join(".", names);
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
