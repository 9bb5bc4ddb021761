package dev.fanout.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds annotations by qualified name, never by class: the processor runs without Fanout's
 * annotations (or Error Prone's, JCIP's...) on its own class path.
 */
final class Annotations {
  private Annotations() {}

  /** The annotation named {@code qualifiedName} directly on {@code element}, or null. */
  static AnnotationMirror find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  /** Whether {@code element} carries the annotation named {@code qualifiedName}. */
  static boolean has(Element element, String qualifiedName) {
    return find(element, qualifiedName) != null;
  }
}
