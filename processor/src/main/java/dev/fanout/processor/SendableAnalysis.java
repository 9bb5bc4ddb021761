package dev.fanout.processor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Decides whether a type is <em>Sendable</em>: safe to hand from one thread to another because it
 * is immutable or thread-safe. A child task's result crosses from the child's thread to the
 * owner's, so Fanout requires it to be Sendable, as Swift does for its task groups.
 *
 * <p>Works on {@code javax.lang.model} only, so it runs under javac and Eclipse's compiler alike.
 * Verdicts are memoized per type; a type met again while its own verdict is being computed (a
 * recursive record, say) counts as Sendable, so that cycles are decided by their other members.
 *
 * <p>The rules, in order: primitives, {@code String}, boxes and enums without mutable state;
 * records whose components are Sendable; final or sealed classes whose instance fields (inherited
 * ones too) are final and Sendable; sealed interfaces whose permitted subtypes are; the JDK's
 * well-known immutable and thread-safe types; Guava's {@code Immutable*} collections of Sendable
 * elements; {@code List}, {@code Set}, {@code Map} and {@code Collection} of Sendable elements
 * unless the strict option is on. Arrays, mutable collections, {@code Date}, {@code Object}, raw
 * types, non-final fields and classes open to subclassing are not. {@code @AssumeSendable} and the
 * {@code @Immutable} / {@code @ThreadSafe} annotations of JSR 305, JCIP and Error Prone override
 * the analysis.
 */
final class SendableAnalysis {
  /**
   * The verdict on one type.
   *
   * @param reason why not, as a chain from the type to the culprit; null when Sendable
   * @param culprit the field or record component to blame, if there is one in source
   */
  record Verdict(String reason, Element culprit) {
    static final Verdict SENDABLE = new Verdict(null, null);

    boolean sendable() {
      return reason == null;
    }
  }

  private static final Set<String> IMMUTABLE =
      Set.of(
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Void",
          "java.lang.Class",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.UUID",
          "java.util.Locale",
          "java.util.Currency",
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble",
          "java.util.regex.Pattern",
          "java.net.URI",
          "java.net.URL",
          "java.net.InetAddress",
          "java.net.InetSocketAddress",
          "java.nio.file.Path",
          "java.nio.charset.Charset",
          "java.io.File",
          "java.util.concurrent.atomic.AtomicBoolean",
          "java.util.concurrent.atomic.AtomicInteger",
          "java.util.concurrent.atomic.AtomicLong",
          "java.util.concurrent.atomic.AtomicIntegerArray",
          "java.util.concurrent.atomic.AtomicLongArray",
          "java.util.concurrent.atomic.LongAdder",
          "java.util.concurrent.atomic.DoubleAdder",
          "java.util.concurrent.atomic.LongAccumulator",
          "java.util.concurrent.atomic.DoubleAccumulator",
          "java.util.concurrent.CountDownLatch",
          "java.util.concurrent.Semaphore");

  /** Immutable or thread-safe containers: Sendable when their type arguments are. */
  private static final Set<String> SENDABLE_CONTAINERS =
      Set.of(
          "java.util.Optional",
          "java.util.Map.Entry",
          "java.util.concurrent.atomic.AtomicReference",
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentMap",
          "java.util.concurrent.ConcurrentSkipListMap",
          "java.util.concurrent.ConcurrentSkipListSet",
          "java.util.concurrent.ConcurrentLinkedQueue",
          "java.util.concurrent.ConcurrentLinkedDeque",
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.concurrent.CopyOnWriteArraySet",
          "java.util.concurrent.LinkedBlockingQueue",
          "java.util.concurrent.LinkedBlockingDeque",
          "java.util.concurrent.ArrayBlockingQueue",
          "java.util.concurrent.BlockingQueue");

  /** Read-only views by contract, mutable in practice: accepted unless the option is strict. */
  private static final Set<String> COLLECTION_INTERFACES =
      Set.of("java.util.List", "java.util.Set", "java.util.Map", "java.util.Collection");

  /** Mutable types users commonly return; named so that the message is short and exact. */
  private static final Set<String> KNOWN_MUTABLE =
      Set.of(
          "java.lang.Object",
          "java.lang.StringBuilder",
          "java.lang.StringBuffer",
          "java.util.Date",
          "java.util.Calendar",
          "java.util.GregorianCalendar",
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.ArrayDeque",
          "java.util.PriorityQueue",
          "java.util.Vector",
          "java.util.Stack",
          "java.util.Hashtable",
          "java.util.EnumMap",
          "java.util.BitSet",
          "java.text.SimpleDateFormat",
          "java.io.ByteArrayOutputStream");

  /** Annotations from other libraries that vouch for a type, by qualified name. */
  private static final Set<String> TRUSTED_ANNOTATIONS =
      Set.of(
          "dev.fanout.annotation.AssumeSendable",
          "javax.annotation.concurrent.Immutable",
          "javax.annotation.concurrent.ThreadSafe",
          "net.jcip.annotations.Immutable",
          "net.jcip.annotations.ThreadSafe",
          "com.google.errorprone.annotations.Immutable",
          "com.google.errorprone.annotations.ThreadSafe");

  static final String ASSUME_SENDABLE = "dev.fanout.annotation.AssumeSendable";

  private final Types types;
  private final boolean strict;
  private final Set<String> knownSendable;
  private final Map<String, Verdict> verdicts = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  SendableAnalysis(ProcessingEnvironment env, boolean strict, Set<String> knownSendable) {
    this.types = env.getTypeUtils();
    this.strict = strict;
    this.knownSendable = Set.copyOf(knownSendable);
  }

  /** The verdict on {@code type}. */
  Verdict check(TypeMirror type) {
    String key = type.toString();
    Verdict known = verdicts.get(key);
    if (known != null) {
      return known;
    }
    if (!inProgress.add(key)) {
      return Verdict.SENDABLE; // a cycle: decided by the cycle's other members
    }
    try {
      Verdict verdict = decide(type);
      verdicts.put(key, verdict);
      return verdict;
    } finally {
      inProgress.remove(key);
    }
  }

  private Verdict decide(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case CHAR:
      case FLOAT:
      case DOUBLE:
      case VOID:
      case NULL:
      case ERROR: // unresolved: reported elsewhere, never twice
        return Verdict.SENDABLE;
      case ARRAY:
        return not("'" + Describe.type(type) + "' is an array, and arrays are mutable");
      case TYPEVAR:
        return typeVariable((TypeVariable) type);
      case WILDCARD:
        {
          TypeMirror bound = ((WildcardType) type).getExtendsBound();
          return bound == null
              ? not("the wildcard '?' has no Sendable bound")
              : because("the wildcard's bound '" + Describe.type(bound) + "'", check(bound));
        }
      case INTERSECTION:
        for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
          if (check(bound).sendable()) {
            return Verdict.SENDABLE;
          }
        }
        return not("no bound of '" + Describe.type(type) + "' is Sendable");
      case DECLARED:
        return declared((DeclaredType) type);
      default:
        return not("'" + Describe.type(type) + "' is not a value type");
    }
  }

  private Verdict typeVariable(TypeVariable variable) {
    TypeMirror bound = variable.getUpperBound();
    if (bound.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) bound).asElement())
            .getQualifiedName()
            .contentEquals("java.lang.Object")) {
      return not(
          "type variable '"
              + variable
              + "' has no Sendable bound, so any type could stand for it");
    }
    return because("type variable '" + variable + "' with bound '" + Describe.type(bound) + "'", check(bound));
  }

  private Verdict declared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    String simple = element.getSimpleName().toString();
    if (knownSendable.contains(name) || isTrusted(element)) {
      return Verdict.SENDABLE;
    }
    if (!element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty()) {
      return not("'" + simple + "' is a raw type, so nothing is known of its elements");
    }
    if (IMMUTABLE.contains(name) || name.startsWith("java.time.")) {
      return Verdict.SENDABLE;
    }
    if (SENDABLE_CONTAINERS.contains(name) || isGuavaImmutable(name)) {
      return typeArguments(type);
    }
    if (COLLECTION_INTERFACES.contains(name)) {
      if (strict) {
        return not(
            "'"
                + simple
                + "' may be mutable, and -Afanout.sendable.strict=true accepts only immutable"
                + " collection types");
      }
      return typeArguments(type);
    }
    if (KNOWN_MUTABLE.contains(name)) {
      return not(simple + " is mutable");
    }
    switch (element.getKind()) {
      case ENUM:
        return fields(type, element);
      case RECORD:
        return components(type, element);
      case INTERFACE:
        return permittedSubtypes(type, element, "interface");
      case CLASS:
        {
          if (element.getModifiers().contains(Modifier.SEALED)) {
            Verdict fields = fields(type, element);
            return fields.sendable() ? permittedSubtypes(type, element, "class") : fields;
          }
          if (!element.getModifiers().contains(Modifier.FINAL)) {
            return not(
                "'"
                    + simple
                    + "' is neither final nor sealed, so a subclass could add mutable state");
          }
          return fields(type, element);
        }
      default:
        return not("'" + simple + "' is not a value type");
    }
  }

  private Verdict typeArguments(DeclaredType type) {
    for (TypeMirror argument : type.getTypeArguments()) {
      Verdict verdict = check(argument);
      if (!verdict.sendable()) {
        return because(
            "'" + Describe.type(type) + "' holds '" + Describe.type(argument) + "'", verdict);
      }
    }
    return Verdict.SENDABLE;
  }

  /** The instance fields of {@code type} and of its superclasses: final and Sendable. */
  private Verdict fields(DeclaredType type, TypeElement element) {
    String simple = element.getSimpleName().toString();
    for (DeclaredType current = type; current != null; current = superclass(current)) {
      TypeElement declaring = (TypeElement) current.asElement();
      for (VariableElement field : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
        if (field.getModifiers().contains(Modifier.STATIC)
            || field.getKind() == ElementKind.ENUM_CONSTANT
            || isTrusted(field)) {
          continue;
        }
        if (!field.getModifiers().contains(Modifier.FINAL)) {
          return new Verdict(
              "'" + simple + "' has non-final field '" + field.getSimpleName() + "'", field);
        }
        TypeMirror fieldType = types.asMemberOf(current, field);
        Verdict verdict = check(fieldType);
        if (!verdict.sendable()) {
          return new Verdict(
              "'"
                  + simple
                  + "' has field '"
                  + field.getSimpleName()
                  + "' of type '"
                  + Describe.type(fieldType)
                  + "', "
                  + verdict.reason(),
              verdict.culprit() != null ? verdict.culprit() : field);
        }
      }
    }
    return Verdict.SENDABLE;
  }

  /**
   * The superclass whose fields count too, or null. The walk stops at {@code Object}, {@code Enum}
   * and {@code Record}: their state is the JDK's, immutable by contract, and their private fields
   * differ between JDK versions (JDK 21+'s {@code Enum} caches its hash in a non-final field).
   */
  private DeclaredType superclass(DeclaredType type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED
          && ((DeclaredType) supertype).asElement().getKind() == ElementKind.CLASS
          && !JDK_BASES.contains(
              ((TypeElement) ((DeclaredType) supertype).asElement()).getQualifiedName().toString())) {
        return (DeclaredType) supertype;
      }
    }
    return null;
  }

  private static final Set<String> JDK_BASES =
      Set.of("java.lang.Object", "java.lang.Enum", "java.lang.Record");

  private Verdict components(DeclaredType type, TypeElement record) {
    String simple = record.getSimpleName().toString();
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (isTrusted(component) || isTrusted(accessorField(record, component))) {
        continue;
      }
      ExecutableElement accessor = component.getAccessor();
      TypeMirror componentType = ((ExecutableType) types.asMemberOf(type, accessor)).getReturnType();
      Verdict verdict = check(componentType);
      if (!verdict.sendable()) {
        return new Verdict(
            "'"
                + simple
                + "' has component '"
                + component.getSimpleName()
                + "' of type '"
                + Describe.type(componentType)
                + "', "
                + verdict.reason(),
            verdict.culprit() != null ? verdict.culprit() : blameable(record, component));
      }
    }
    return Verdict.SENDABLE;
  }

  /**
   * Where to point at a record component: javac attaches no source position to a component or to
   * its implicit field, so the diagnostic goes on the record declaration, which names it.
   */
  private static Element blameable(TypeElement record, RecordComponentElement component) {
    return record;
  }

  /** The private field behind a record component; annotations may land on either. */
  private static Element accessorField(TypeElement record, RecordComponentElement component) {
    for (VariableElement field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(component.getSimpleName())) {
        return field;
      }
    }
    return null;
  }

  private Verdict permittedSubtypes(DeclaredType type, TypeElement element, String kind) {
    String simple = element.getSimpleName().toString();
    List<? extends TypeMirror> permitted = element.getPermittedSubclasses();
    if (!element.getModifiers().contains(Modifier.SEALED) || permitted.isEmpty()) {
      return not(
          "'"
              + simple
              + "' is an "
              + kind
              + " that is not sealed, so any implementation, mutable ones too, could stand for"
              + " it");
    }
    for (TypeMirror subtype : permitted) {
      Verdict verdict = check(subtype);
      if (!verdict.sendable()) {
        return new Verdict(
            "'" + simple + "' permits '" + Describe.type(subtype) + "', " + verdict.reason(),
            verdict.culprit());
      }
    }
    return Verdict.SENDABLE;
  }

  /** Whether an escape hatch vouches for {@code element}. */
  static boolean isTrusted(Element element) {
    if (element == null) {
      return false;
    }
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      String name =
          ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
      if (TRUSTED_ANNOTATIONS.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGuavaImmutable(String name) {
    return name.startsWith("com.google.common.collect.Immutable");
  }

  private static Verdict not(String reason) {
    return new Verdict(reason, null);
  }

  private static Verdict because(String subject, Verdict verdict) {
    return verdict.sendable()
        ? verdict
        : new Verdict(subject + " is not Sendable: " + verdict.reason(), verdict.culprit());
  }
}
