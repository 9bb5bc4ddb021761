package dev.fanout.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The diagnostics that validating one interface produced, each attached to the element (and,
 * where there is one, the annotation value) that the user must change. Validation never throws for
 * bad user code; it adds to a report, and generation happens only when the report has no error.
 */
final class ValidationReport {
  /** One diagnostic, ready to print. */
  record Item(
      Diagnostic.Kind kind,
      String text,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value) {}

  private final List<Item> items = new ArrayList<>();

  void error(Message message, Element element, Object... args) {
    items.add(new Item(Diagnostic.Kind.ERROR, message.format(args), element, null, null));
  }

  void error(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    items.add(new Item(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value));
  }

  boolean hasErrors() {
    return items.stream().anyMatch(item -> item.kind() == Diagnostic.Kind.ERROR);
  }

  List<Item> items() {
    return List.copyOf(items);
  }

  /**
   * Prints every item not printed before. A method inherited by several interfaces is validated
   * once for each; {@code printed} keeps its diagnostics from appearing twice.
   */
  void printTo(Messager messager, Set<String> printed) {
    for (Item item : items) {
      if (!printed.add(item.element() + "\u0000" + item.text())) {
        continue;
      }
      if (item.value() != null) {
        messager.printMessage(item.kind(), item.text(), item.element(), item.annotation(), item.value());
      } else if (item.annotation() != null) {
        messager.printMessage(item.kind(), item.text(), item.element(), item.annotation());
      } else {
        messager.printMessage(item.kind(), item.text(), item.element());
      }
    }
  }
}
