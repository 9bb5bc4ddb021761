package dev.fanout.processor;

import dev.fanout.processor.SendableAnalysis.Cause;
import dev.fanout.processor.SendableAnalysis.Flaw;
import dev.fanout.processor.SendableAnalysis.Hop;
import dev.fanout.processor.SendableAnalysis.Problem;
import dev.fanout.processor.SendableAnalysis.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Puts the {@linkplain SendableAnalysis.Cause causes} of a verdict in words: what is wrong and where
 * ({@code component 'lines' of 'Order' has type 'ArrayList<String>', which is mutable}), and the fix
 * that fits the culprit ({@code declare 'lines' as List<String> and copy it in the compact
 * constructor...}). Texts only; which diagnostic carries them is {@link SendableChecks}'s business.
 */
final class SendableExplanation {
  /** At most this many causes are spelled out in one message; each is reported on its own too. */
  static final int LISTED = 10;

  private static final Set<Flaw> MUTABLE =
      Set.of(
          Flaw.DATE_TIME,
          Flaw.DATE_FORMAT,
          Flaw.MUTABLE_COLLECTION,
          Flaw.STRING_BUILDER,
          Flaw.OBJECT,
          Flaw.OTHER_MUTABLE);

  /** Collections whose {@code copyOf} would lose their order. */
  private static final Set<String> ORDERED =
      Set.of(
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.LinkedHashSet",
          "java.util.TreeSet");

  private SendableExplanation() {}

  /** Every cause, without fixes: {@code Date is mutable}, or {@code (1) ...; (2) ...}. */
  static String reasons(List<Cause> causes) {
    if (causes.size() == 1) {
      return describe(causes.get(0));
    }
    List<String> clauses = new ArrayList<>();
    for (Cause cause : causes) {
      clauses.add(describe(cause));
    }
    return numbered(clauses);
  }

  /**
   * Every cause, and with several, the fix of each: {@code (1) ...: make 'count' final; (2) ...}.
   *
   * @param inSource whether a declaration is compiled here, so that the fix may be to change it
   */
  static String reasonsWithFixes(List<Cause> causes, Predicate<Element> inSource) {
    if (causes.size() == 1) {
      return describe(causes.get(0));
    }
    List<String> clauses = new ArrayList<>();
    for (Cause cause : causes) {
      clauses.add(describe(cause) + ": " + advice(cause, inSource));
    }
    return numbered(clauses);
  }

  /** The sentence that follows {@link #reasonsWithFixes}. */
  static String fix(List<Cause> causes, Predicate<Element> inSource) {
    return causes.size() == 1
        ? capitalized(advice(causes.get(0), inSource))
        : "Fix all " + causes.size();
  }

  /**
   * What is wrong with one field, record component or declaration, as seen from it: {@code it is
   * not final, and it has type 'Date', which is mutable}.
   */
  static String local(List<Cause> causes, Element blamed) {
    List<String> clauses = new ArrayList<>();
    for (Cause cause : causes) {
      String clause = local(cause, blamed);
      if (!clauses.contains(clause)) {
        clauses.add(clause);
      }
    }
    return String.join(", and ", clauses);
  }

  /** The fixes for {@link #local}, as one sentence. */
  static String localFix(List<Cause> causes, Predicate<Element> inSource) {
    List<String> fixes = new ArrayList<>();
    for (Cause cause : causes) {
      String fix = advice(cause, inSource);
      if (!fixes.contains(fix)) {
        fixes.add(fix);
      }
    }
    return capitalized(String.join("; ", fixes));
  }

  private static String numbered(List<String> clauses) {
    StringBuilder text = new StringBuilder();
    int listed = Math.min(clauses.size(), LISTED);
    for (int i = 0; i < listed; i++) {
      text.append(i == 0 ? "" : "; ").append('(').append(i + 1).append(") ").append(clauses.get(i));
    }
    if (clauses.size() > listed) {
      text.append("; and ").append(clauses.size() - listed).append(" more");
    }
    return text.toString();
  }

  /** One cause, from the checked type: what is wrong, where, and how it is reached. */
  static String describe(Cause cause) {
    Problem problem = cause.problem();
    List<Hop> path = cause.path();
    if (problem.flaw() == Flaw.NON_FINAL_FIELD) {
      return "field '"
          + problem.field().getSimpleName()
          + "' of '"
          + owner(problem.field())
          + "'"
          + via(path, path.size())
          + " is not final";
    }
    int member = cause.member();
    if (member >= 0) {
      Hop hop = path.get(member);
      return noun(hop)
          + " '"
          + hop.member().getSimpleName()
          + "' of '"
          + owner(hop.member())
          + "'"
          + via(path, member)
          + " has type '"
          + Describe.type(hop.to())
          + "', "
          + which(cause, member);
    }
    if (path.isEmpty()) {
      return root(problem);
    }
    Hop last = path.get(path.size() - 1);
    // A bound of an intersection is a bound of the type variable that has it: "'V' is bounded by".
    TypeMirror from =
        last.step() == Step.BOUND
                && last.from().getKind() == TypeKind.INTERSECTION
                && path.size() > 1
            ? path.get(path.size() - 2).from()
            : last.from();
    return "'" + Describe.type(from) + "' " + verb(last) + " '" + Describe.type(last.to())
        + "', which " + predicate(problem);
  }

  /** One cause, from the element blamed for it. */
  private static String local(Cause cause, Element blamed) {
    Problem problem = cause.problem();
    if (blamed.equals(problem.declaration())) {
      return "it " + predicate(problem);
    }
    if (blamed.equals(problem.field())) {
      return "it is not final";
    }
    int member = cause.member();
    return "it has type '"
        + Describe.type(cause.path().get(member).to())
        + "', "
        + which(cause, member);
  }

  /** {@code which is mutable}, or for a problem deeper in the member's type, {@code whose ...}. */
  private static String which(Cause cause, int member) {
    Problem problem = cause.problem();
    Hop hop = cause.path().get(member);
    boolean direct =
        member == cause.path().size() - 1
            && TypeKey.of(problem.type()).equals(TypeKey.of(hop.to()));
    return direct
        ? "which " + predicate(problem)
        : "whose '" + Describe.type(problem.type()) + "' " + predicate(problem);
  }

  /** The problem of a type checked on its own, as the messages have always said it. */
  private static String root(Problem problem) {
    String type = Describe.type(problem.type());
    if (MUTABLE.contains(problem.flaw())) {
      return simpleName(problem.type()) + " is mutable";
    }
    switch (problem.flaw()) {
      case UNBOUNDED_TYPE_VARIABLE:
        return "type variable '" + type + "' has no Sendable bound, so any type could stand for it";
      case UNBOUNDED_WILDCARD:
        return "the wildcard '" + type + "' has no Sendable bound";
      default:
        return "'" + type + "' " + predicate(problem);
    }
  }

  private static String predicate(Problem problem) {
    if (MUTABLE.contains(problem.flaw())) {
      return "is mutable";
    }
    switch (problem.flaw()) {
      case ARRAY:
        return "is an array, and arrays are mutable";
      case OPEN_CLASS:
        return "is neither final nor sealed, so a subclass could add mutable state";
      case OPEN_INTERFACE:
        return "is an interface that is not sealed, so any implementation, mutable ones too,"
            + " could stand for it";
      case RAW_TYPE:
        return "is a raw type, so nothing is known of its elements";
      case UNBOUNDED_TYPE_VARIABLE:
        return "is a type variable without a Sendable bound, so any type could stand for it";
      case UNBOUNDED_WILDCARD:
        return "is a wildcard without a Sendable bound";
      case STRICT_COLLECTION:
        return "may be mutable, and -Afanout.sendable.strict=true accepts only immutable"
            + " collection types";
      case NON_FINAL_FIELD:
        return "has non-final field '" + problem.field().getSimpleName() + "'";
      default:
        return "is not a value type";
    }
  }

  /** How to fix one cause, in the words of the culprit: its name, its type, its kind. */
  static String advice(Cause cause, Predicate<Element> inSource) {
    Problem problem = cause.problem();
    List<Hop> path = cause.path();
    int member = cause.culprit();
    // The member to blame, when its own type is the problem: the fix can name it.
    Hop direct =
        member >= 0
                && member == path.size() - 1
                && TypeKey.of(problem.type()).equals(TypeKey.of(path.get(member).to()))
            ? path.get(member)
            : null;
    String name = direct == null ? null : direct.member().getSimpleName().toString();
    String trust =
        name == null ? "" : ", or, if nothing changes it once it is shared, annotate '" + name
            + "' with @AssumeSendable(reason = ...)";
    switch (problem.flaw()) {
      case DATE_TIME:
        return "use java.time.Instant for a point in time, or LocalDate, LocalDateTime or"
            + " ZonedDateTime for a calendar date; they are immutable";
      case DATE_FORMAT:
        return "use java.time.format.DateTimeFormatter, which is immutable and thread-safe";
      case MUTABLE_COLLECTION:
        return collectionAdvice(problem, direct, name);
      case STRING_BUILDER:
        return "keep its toString(), a String, instead";
      case OBJECT:
        return "declare a specific Sendable type instead, such as a record, an enum or a sealed"
            + " interface of records";
      case OTHER_MUTABLE:
        return "use an immutable type instead" + trust;
      case ARRAY:
        return "use "
            + problem.replacement()
            + " instead of '"
            + Describe.type(problem.type())
            + "' (List.of(...) or List.copyOf(...))"
            + (name == null ? "" : ", or, if nothing writes to the array once it is shared,"
                + " annotate '" + name + "' with @AssumeSendable(reason = ...)");
      case OPEN_CLASS:
      case OPEN_INTERFACE:
        return openTypeAdvice(problem, path, inSource);
      case RAW_TYPE:
        return "write its type arguments, as in '" + simpleName(problem.type()) + "<...>'";
      case UNBOUNDED_TYPE_VARIABLE:
        return "bound the type variable by a Sendable type (a record, a final class, a sealed"
            + " interface), or list the types it stands for in -Afanout.knownSendable";
      case UNBOUNDED_WILDCARD:
        return "write a Sendable type argument, or '? extends' one, instead of '"
            + Describe.type(problem.type())
            + "'";
      case STRICT_COLLECTION:
        return "use an immutable collection type such as Guava's Immutable"
            + simpleName(problem.type())
            + ", or leave out -Afanout.sendable.strict=true";
      case NON_FINAL_FIELD:
        return "make '" + problem.field().getSimpleName() + "' final";
      default:
        return "use a value type: a record, an enum, or a final class of final fields";
    }
  }

  /**
   * Make it final or sealed, when it is compiled here; otherwise choose another type, or for a
   * type variable's bound, another bound.
   */
  private static String openTypeAdvice(
      Problem problem, List<Hop> path, Predicate<Element> inSource) {
    String name = nestedName(problem.type());
    if (inSource.test(problem.declaration())) {
      return problem.flaw() == Flaw.OPEN_CLASS
          ? "make '" + name + "' final, or sealed with Sendable permitted subtypes"
          : "make '" + name + "' sealed, permitting only Sendable types such as records";
    }
    if (!path.isEmpty() && path.get(path.size() - 1).step() == Step.BOUND) {
      return "bound the type variable by a Sendable type (a record, a final class, a sealed"
          + " interface), or list the types it stands for in -Afanout.knownSendable";
    }
    return "use a Sendable type instead of '" + Describe.type(problem.type())
        + "' (a record, a final class of final fields, a sealed interface), or list it in"
        + " -Afanout.knownSendable if it is thread-safe";
  }

  private static String collectionAdvice(Problem problem, Hop direct, String name) {
    String replacement = problem.replacement();
    String kind = replacement.substring(0, replacement.indexOf('<'));
    String copy = kind + ".copyOf";
    String use;
    if (direct != null && direct.step() == Step.COMPONENT) {
      use = "declare '" + name + "' as " + replacement
          + " and copy it in the compact constructor of '" + owner(direct.member()) + "': "
          + name + " = " + copy + "(" + name + ")";
    } else if (direct != null) {
      use = "declare '" + name + "' as " + replacement + " and assign it " + copy
          + "(...) in the constructor";
    } else {
      use = "use " + replacement + " made with " + copy + "(...) instead";
    }
    String view = "Collections.unmodifiable" + kind;
    if (ORDERED.contains(qualifiedName(problem.type()))) {
      String copied =
          view + "(new " + simpleName(problem.type()) + "<>(" + (name == null ? "..." : name) + "))";
      return use + " (" + copy + " does not keep the order: to keep it, store " + copied
          + (name == null ? "" : " and annotate '" + name + "' with @AssumeSendable(reason = ...)")
          + ")";
    }
    return use + (name == null ? "" : ", or, if nothing changes it once it is built, keep a "
        + view + " view and annotate '" + name + "' with @AssumeSendable(reason = ...)");
  }

  /** The member hops of {@code path} before {@code end}: {@code (reached through A.b → B.c)}. */
  private static String via(List<Hop> path, int end) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      Hop hop = path.get(i);
      if (hop.isMember()) {
        members.add(owner(hop.member()) + "." + hop.member().getSimpleName());
      }
    }
    return members.isEmpty() ? "" : " (reached through " + String.join(" → ", members) + ")";
  }

  private static String noun(Hop hop) {
    return hop.step() == Step.COMPONENT ? "component" : "field";
  }

  private static String verb(Hop hop) {
    switch (hop.step()) {
      case PERMITTED_SUBTYPE:
        return "permits";
      case BOUND:
        return "is bounded by";
      default:
        return "holds";
    }
  }

  /** The type that declares {@code member}, as written in source: {@code CartService.Cart}. */
  static String owner(Element member) {
    return Describe.nestedName(member.getEnclosingElement());
  }

  private static String nestedName(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        ? Describe.nestedName(((DeclaredType) type).asElement())
        : Describe.type(type);
  }

  private static String simpleName(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        ? ((DeclaredType) type).asElement().getSimpleName().toString()
        : Describe.type(type);
  }

  private static String qualifiedName(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        ? ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString()
        : "";
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** Whether {@code element} is a class or interface, blamed for itself rather than a member. */
  static boolean isDeclaration(Element element) {
    return element.getKind().isClass() || element.getKind().isInterface();
  }
}
