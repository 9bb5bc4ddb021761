package dev.fanout.processor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Applies {@link SendableAnalysis} where values cross threads, with the severity and the lists the
 * user configured:
 *
 * <ul>
 *   <li>{@code -Afanout.sendable=error|warning|off}: how a non-Sendable child result is reported
 *       (default error);
 *   <li>{@code -Afanout.sendable.strict=true}: {@code List}, {@code Set}, {@code Map} and {@code
 *       Collection} are not Sendable, since they may be mutable;
 *   <li>{@code -Afanout.knownSendable=com.acme.Money,...}: types to accept as they are.
 * </ul>
 *
 * Each non-Sendable type is reported once per compilation, however many methods return it.
 */
final class SendableChecks {
  static final String LEVEL = "fanout.sendable";
  static final String STRICT = "fanout.sendable.strict";
  static final String KNOWN = "fanout.knownSendable";
  static final Set<String> OPTIONS = Set.of(LEVEL, STRICT, KNOWN);

  private static final String FIX =
      "Use List.copyOf / an immutable type, or annotate with @AssumeSendable(reason = ...).";

  private static final String TYPE_VARIABLE_FIX =
      "Bound the type variable by a Sendable type (a record, a final class, a sealed interface),"
          + " or list the types it stands for in -Afanout.knownSendable.";

  private final Diagnostic.Kind kind; // null: off
  private final SendableAnalysis analysis;
  private final Set<String> reportedTypes = new HashSet<>();
  private final String badOption;

  SendableChecks(ProcessingEnvironment env) {
    String level = env.getOptions().getOrDefault(LEVEL, "error").strip().toLowerCase(Locale.ROOT);
    switch (level) {
      case "error":
        kind = Diagnostic.Kind.ERROR;
        badOption = null;
        break;
      case "warning":
        kind = Diagnostic.Kind.WARNING;
        badOption = null;
        break;
      case "off":
        kind = null;
        badOption = null;
        break;
      default:
        kind = Diagnostic.Kind.ERROR;
        badOption = level;
    }
    boolean strict = Boolean.parseBoolean(env.getOptions().getOrDefault(STRICT, "false").strip());
    Set<String> known =
        Arrays.stream(env.getOptions().getOrDefault(KNOWN, "").split(","))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toSet());
    this.analysis = new SendableAnalysis(env, strict, known);
  }

  SendableAnalysis analysis() {
    return analysis;
  }

  /** Reports a misspelled -Afanout.sendable once, at the start. */
  void reportBadOption(Messager messager) {
    if (badOption != null) {
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          Message.BAD_OPTION.format("-A" + LEVEL + "=" + badOption, "error, warning or off"));
    }
  }

  /** How a non-Sendable result is reported: ERROR, WARNING, or null when the checks are off. */
  Diagnostic.Kind kind() {
    return kind;
  }

  /**
   * Checks the result of one child of {@code method}. Reported on the method and, when the culprit
   * field or component is compiled in this round ({@code inSource}), on it too.
   */
  void checkChildResult(
      TypeMirror result,
      ExecutableElement method,
      ValidationReport report,
      Predicate<Element> inSource) {
    if (kind == null || result.getKind() == TypeKind.VOID) {
      return;
    }
    SendableAnalysis.Verdict verdict = analysis.check(result);
    if (verdict.sendable() || !reportedTypes.add(result.toString())) {
      return;
    }
    String type = Describe.type(result);
    String fix = result.getKind() == TypeKind.TYPEVAR ? TYPE_VARIABLE_FIX : FIX;
    report.add(
        kind,
        false,
        Message.NOT_SENDABLE.format(type, method.getSimpleName(), verdict.reason(), fix),
        method);
    Element culprit = verdict.culprit();
    if (culprit != null && inSource.test(culprit) && !culprit.equals(method.getEnclosingElement())) {
      report.add(
          kind,
          false,
          Message.NOT_SENDABLE_MEMBER.format(
              culprit.getSimpleName(), type, method.getSimpleName(), verdict.reason(), fix),
          culprit);
    }
  }

  /** Warns about an argument that every child of {@code method} shares. */
  void checkSharedArgument(
      VariableElement parameter, TypeMirror type, ExecutableElement method, ValidationReport report) {
    if (kind == null) {
      return;
    }
    SendableAnalysis.Verdict verdict = analysis.check(type);
    if (!verdict.sendable()) {
      report.add(
          Diagnostic.Kind.WARNING,
          false,
          Message.SHARED_ARGUMENT.format(
              parameter.getSimpleName(), Describe.type(type), method.getSimpleName(), verdict.reason()),
          parameter);
    }
  }
}
