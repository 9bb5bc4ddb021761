package dev.fanout.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
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
 * Each non-Sendable result type is reported once per compilation, however many methods return it,
 * with every cause and the fix that fits each; each culprit in source (a field, a record component,
 * a class to make final) is reported once too, where it is declared. The analysis is the
 * compilation's one {@link SendableAnalysis}, shared with {@link GroupEscapeProcessor}.
 */
final class SendableChecks {
  static final String LEVEL = "fanout.sendable";
  static final String STRICT = "fanout.sendable.strict";
  static final String KNOWN = "fanout.knownSendable";
  static final Set<String> OPTIONS = Set.of(LEVEL, STRICT, KNOWN);

  private final Diagnostic.Kind kind; // null: off
  private final SendableAnalysis analysis;
  /** The non-Sendable results reported so far, by {@link SendableAnalysis#identity}. */
  private final Set<Object> reportedResults = new HashSet<>();
  /** The fields, components and declarations reported so far: each once per compilation. */
  private final Set<Element> reportedCulprits = new HashSet<>();
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
    this.analysis = SendableAnalysis.forCompilation(env, strict, known);
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
   * Checks the result of one child of {@code method}, the call of {@code leaf}. Reported on the
   * method, with every cause and its fix, and on each culprit compiled in this round ({@code
   * inSource}): the field or record component to change, or the class or interface to make final
   * or sealed, each once per compilation.
   *
   * @param component the record component the child produces, when {@code method} assembles its
   *     record from one child per component; otherwise null
   */
  void checkChildResult(
      TypeMirror result,
      ExecutableElement leaf,
      RecordComponentElement component,
      ExecutableElement method,
      ValidationReport report,
      Predicate<Element> inSource) {
    if (kind == null || result.getKind() == TypeKind.VOID) {
      return;
    }
    SendableAnalysis.Verdict verdict = analysis.check(result);
    if (verdict.sendable()) {
      return;
    }
    Object identity = SendableAnalysis.identity(result);
    // One child per component: each component's child is reported, whatever the others return.
    if (!reportedResults.add(component == null ? identity : List.of(identity, component))) {
      return;
    }
    String of =
        component == null
            ? method.getSimpleName().toString()
            : Describe.method(leaf)
                + ", the child for component '"
                + component.getSimpleName()
                + "' of '"
                + SendableExplanation.owner(component)
                + "'";
    List<SendableAnalysis.Cause> causes = verdict.causes();
    report.add(
        kind,
        false,
        Message.NOT_SENDABLE.format(
            Describe.type(result),
            of,
            SendableExplanation.reasonsWithFixes(causes, inSource),
            SendableExplanation.fix(causes, inSource)),
        method);

    Map<Element, List<SendableAnalysis.Cause>> byCulprit = new LinkedHashMap<>();
    for (SendableAnalysis.Cause cause : causes) {
      Element culprit = analysis.blame(cause, inSource);
      if (culprit != null && !culprit.equals(method.getEnclosingElement())) {
        byCulprit.computeIfAbsent(culprit, c -> new ArrayList<>()).add(cause);
      }
    }
    for (Map.Entry<Element, List<SendableAnalysis.Cause>> entry : byCulprit.entrySet()) {
      Element culprit = entry.getKey();
      if (!reportedCulprits.add(culprit)) {
        continue;
      }
      String what = SendableExplanation.local(entry.getValue(), culprit);
      String fix = SendableExplanation.localFix(entry.getValue(), inSource);
      String text =
          SendableExplanation.isDeclaration(culprit)
              ? Message.NOT_SENDABLE_DECLARATION.format(
                  Describe.nestedName(culprit), what, fix)
              : Message.NOT_SENDABLE_CULPRIT.format(
                  culprit.getSimpleName(), SendableExplanation.owner(culprit), what, fix);
      report.add(kind, false, text, culprit);
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
