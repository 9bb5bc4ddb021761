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
  /**
   * One diagnostic, ready to print.
   *
   * @param blocksGeneration whether it keeps the class from being generated; a Sendable error
   *     does not, since the generated code would be right and its absence would only add
   *     "cannot find symbol" errors to the user's subclass
   */
  record Item(
      Diagnostic.Kind kind,
      boolean blocksGeneration,
      String text,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value) {}

  private final List<Item> items = new ArrayList<>();

  void error(Message message, Element element, Object... args) {
    items.add(new Item(Diagnostic.Kind.ERROR, true, message.format(args), element, null, null));
  }

  void add(Diagnostic.Kind kind, boolean blocksGeneration, String text, Element element) {
    items.add(new Item(kind, blocksGeneration, text, element, null, null));
  }

  void error(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    items.add(
        new Item(Diagnostic.Kind.ERROR, true, message.format(args), element, annotation, value));
  }

  /** Whether an error keeps the class from being generated. */
  boolean hasErrors() {
    return items.stream()
        .anyMatch(item -> item.kind() == Diagnostic.Kind.ERROR && item.blocksGeneration());
  }

  /** The number of errors that block generation so far; a growing count marks a failed step. */
  long blockingErrors() {
    return items.stream()
        .filter(item -> item.kind() == Diagnostic.Kind.ERROR && item.blocksGeneration())
        .count();
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
