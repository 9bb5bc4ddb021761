package dev.fanout.processor;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/** How diagnostics print types and methods: as users write them, without package prefixes. */
final class Describe {
  /** A run of lower-case qualifiers such as {@code java.util.}; nested-type dots stay. */
  private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z_$])");

  private Describe() {}

  /** {@code java.util.List<java.lang.String>} as {@code List<String>}. */
  static String type(TypeMirror type) {
    return PACKAGE_PREFIX.matcher(type.toString()).replaceAll("");
  }

  /** {@code CartService.Cart}: the simple names of a type and of the types around it. */
  static String nestedName(Element type) {
    String name = type.getSimpleName().toString();
    for (Element outer = type.getEnclosingElement();
        outer != null && (outer.getKind().isClass() || outer.getKind().isInterface());
        outer = outer.getEnclosingElement()) {
      name = outer.getSimpleName() + "." + name;
    }
    return name;
  }

  /** {@code fetchThumbnails(List<String>)}, with the parameter types as seen from the service. */
  static String method(ExecutableElement method, List<? extends TypeMirror> parameterTypes) {
    return method.getSimpleName()
        + "("
        + parameterTypes.stream().map(Describe::type).collect(Collectors.joining(", "))
        + ")";
  }

  /** {@code fetchThumbnails(List<String>)} with the declared parameter types. */
  static String method(ExecutableElement method) {
    return method(
        method,
        method.getParameters().stream().map(p -> p.asType()).collect(Collectors.toList()));
  }
}
