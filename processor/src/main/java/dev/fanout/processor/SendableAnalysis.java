package dev.fanout.processor;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
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
 *
 * <p>Design, for maintainers. Each type is a node of a graph: its own {@linkplain Problem
 * problems} (a non-final field, "Date is mutable") and its edges ({@linkplain Hop hops}) to the
 * types it holds: components, fields, type arguments, permitted subtypes, bounds. A type is
 * Sendable when no problem is reachable from it; an intersection type is the one "or" node, which
 * needs only one Sendable bound. Types that refer to each other (a {@code Customer} whose last
 * {@code Order} names the customer) form a strongly connected component, found with Tarjan's
 * algorithm, and are decided together once the whole component is known: the greatest fixed
 * point, so a cycle on its own is Sendable, and every member reachable from a problem is not,
 * whichever member was asked about first. Verdicts are memoized by {@link TypeKey}, which tells
 * types apart by their elements (a type variable by its declaration), never by their names. A
 * verdict that met an unresolved type (a type another processor has yet to generate) is not
 * memoized. A verdict lists every problem reachable from the type, each with the path that
 * reaches it, so that one build reports them all; {@link SendableExplanation} puts them in words.
 *
 * <p>One instance serves a whole compilation ({@link #forCompilation}); javac and Eclipse's
 * compiler run processors on one thread, so it is not thread-safe.
 */
final class SendableAnalysis {
  /**
   * The verdict on one type: Sendable when nothing is wrong with it.
   *
   * @param causes everything that keeps the type from being Sendable, each with its path from the
   *     type, in declaration order, nearest first; empty when it is Sendable
   */
  record Verdict(List<Cause> causes) {
    static final Verdict SENDABLE = new Verdict(List.of());

    boolean sendable() {
      return causes.isEmpty();
    }

    /** Why not, in one clause per cause, without the fixes; null when Sendable. */
    String reason() {
      return sendable() ? null : SendableExplanation.reasons(causes);
    }
  }

  /**
   * One thing that keeps a type from being Sendable, and how it is reached from that type.
   *
   * @param culprit the index in {@code path} of the field or record component to blame, or -1 (see
   *     {@link SendableAnalysis#culprit})
   */
  record Cause(List<Hop> path, Problem problem, int culprit) {
    /** The member hop that describes the cause best: the culprit, or else the last member. */
    int member() {
      return culprit >= 0 ? culprit : lastMember(path);
    }
  }

  /** What is wrong where a path ends. */
  enum Flaw {
    DATE_TIME,
    DATE_FORMAT,
    MUTABLE_COLLECTION,
    STRING_BUILDER,
    OBJECT,
    OTHER_MUTABLE,
    ARRAY,
    OPEN_CLASS,
    OPEN_INTERFACE,
    RAW_TYPE,
    UNBOUNDED_TYPE_VARIABLE,
    UNBOUNDED_WILDCARD,
    STRICT_COLLECTION,
    NOT_A_VALUE,
    NON_FINAL_FIELD
  }

  /**
   * A problem of one type.
   *
   * @param type the type that has it
   * @param field the non-final field, for {@link Flaw#NON_FINAL_FIELD}
   * @param declaration the class or interface to change, for an open class or interface
   * @param replacement what to use instead, as written in source ({@code List<String>} for an
   *     {@code ArrayList<String>}), or null
   */
  record Problem(
      Flaw flaw,
      TypeMirror type,
      VariableElement field,
      TypeElement declaration,
      String replacement) {}

  /** How one type reaches another. */
  enum Step {
    COMPONENT,
    FIELD,
    TYPE_ARGUMENT,
    PERMITTED_SUBTYPE,
    BOUND
  }

  /**
   * One edge of the type graph.
   *
   * @param member the record component or field, for {@link Step#COMPONENT} and {@link
   *     Step#FIELD}
   * @param from the type that holds {@code to}
   * @param to the type reached, type arguments substituted
   * @param index which type argument, for {@link Step#TYPE_ARGUMENT}
   */
  record Hop(Step step, Element member, TypeMirror from, TypeMirror to, int index) {
    boolean isMember() {
      return step == Step.COMPONENT || step == Step.FIELD;
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

  /**
   * Mutable types users commonly return, each with what is wrong with it: named so that the
   * message is short and exact, and the fix fits.
   */
  private static final Map<String, Flaw> KNOWN_MUTABLE =
      Map.ofEntries(
          Map.entry("java.lang.Object", Flaw.OBJECT),
          Map.entry("java.lang.StringBuilder", Flaw.STRING_BUILDER),
          Map.entry("java.lang.StringBuffer", Flaw.STRING_BUILDER),
          Map.entry("java.util.Date", Flaw.DATE_TIME),
          Map.entry("java.util.Calendar", Flaw.DATE_TIME),
          Map.entry("java.util.GregorianCalendar", Flaw.DATE_TIME),
          Map.entry("java.sql.Date", Flaw.DATE_TIME),
          Map.entry("java.sql.Time", Flaw.DATE_TIME),
          Map.entry("java.sql.Timestamp", Flaw.DATE_TIME),
          Map.entry("java.text.DateFormat", Flaw.DATE_FORMAT),
          Map.entry("java.text.SimpleDateFormat", Flaw.DATE_FORMAT),
          Map.entry("java.util.ArrayList", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.LinkedList", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.HashMap", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.LinkedHashMap", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.TreeMap", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.HashSet", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.LinkedHashSet", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.TreeSet", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.ArrayDeque", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.PriorityQueue", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.Vector", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.Stack", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.Hashtable", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.EnumMap", Flaw.MUTABLE_COLLECTION),
          Map.entry("java.util.BitSet", Flaw.OTHER_MUTABLE),
          Map.entry("java.io.ByteArrayOutputStream", Flaw.OTHER_MUTABLE));

  /** Which immutable interface replaces a mutable collection; the rest are lists. */
  private static final Map<String, String> COLLECTION_REPLACEMENTS =
      Map.of(
          "java.util.HashMap", "Map",
          "java.util.LinkedHashMap", "Map",
          "java.util.TreeMap", "Map",
          "java.util.Hashtable", "Map",
          "java.util.EnumMap", "Map",
          "java.util.HashSet", "Set",
          "java.util.LinkedHashSet", "Set",
          "java.util.TreeSet", "Set");

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

  /**
   * The analysis of each live compilation, found by its {@link Types} (by identity: the object may
   * be anything a build tool wraps): the same for both processors, also when a build tool wraps the
   * processing environment of each. Weak both ways, so that a finished compilation leaves nothing
   * behind; there are as many entries as compilations running in this class loader at once.
   */
  private static final List<Shared> SHARED = new ArrayList<>();

  private record Shared(WeakReference<Types> types, WeakReference<SendableAnalysis> analysis) {}

  private final Types types;
  private final boolean strict;
  private final Set<String> knownSendable;
  /** Final verdicts: never computed under an assumption, never from an unresolved type. */
  private final Map<TypeKey, Verdict> verdicts = new HashMap<>();

  private SendableAnalysis(Types types, boolean strict, Set<String> knownSendable) {
    this.types = types;
    this.strict = strict;
    this.knownSendable = Set.copyOf(knownSendable);
  }

  /**
   * The analysis of the compilation {@code env} belongs to, created on first use: one per
   * compilation, so that both processors share its memo.
   */
  static SendableAnalysis forCompilation(
      ProcessingEnvironment env, boolean strict, Set<String> knownSendable) {
    Types types = env.getTypeUtils();
    Set<String> known = Set.copyOf(knownSendable);
    synchronized (SHARED) {
      SHARED.removeIf(s -> s.types().get() == null || s.analysis().get() == null);
      for (Shared shared : SHARED) {
        SendableAnalysis analysis = shared.analysis().get();
        if (shared.types().get() == types
            && analysis != null
            && analysis.strict == strict
            && analysis.knownSendable.equals(known)) {
          return analysis;
        }
      }
      SendableAnalysis created = new SendableAnalysis(types, strict, known);
      SHARED.add(new Shared(new WeakReference<>(types), new WeakReference<>(created)));
      return created;
    }
  }

  /** What tells {@code type} apart from every other type, for sets of reported types. */
  static Object identity(TypeMirror type) {
    return TypeKey.of(type);
  }

  /** The verdict on {@code type}. */
  Verdict check(TypeMirror type) {
    if (isTriviallySendable(type)) {
      return Verdict.SENDABLE;
    }
    TypeKey key = TypeKey.of(type);
    Verdict known = verdicts.get(key);
    if (known != null) {
      return known;
    }
    Search search = new Search();
    search.visit(type, key);
    return search.decided.get(key);
  }

  /**
   * The element the user should change for {@code cause}, if one is in source: the open class or
   * interface, or the non-final field, or else the {@linkplain #culprit culprit} field or record
   * component (a component by its private field, which has a source position on every JDK).
   */
  Element blame(Cause cause, Predicate<Element> inSource) {
    Problem problem = cause.problem();
    if (problem.declaration() != null && inSource.test(problem.declaration())) {
      return problem.declaration();
    }
    if (problem.field() != null && inSource.test(problem.field())) {
      return problem.field();
    }
    int culprit = cause.culprit();
    if (culprit < 0) {
      return null;
    }
    Element member = cause.path().get(culprit).member();
    if (member instanceof RecordComponentElement) {
      Element field = accessorField((RecordComponentElement) member);
      member = field != null ? field : member;
    }
    return inSource.test(member) ? member : null;
  }

  /** The index of the last field or component hop of {@code path}, or -1. */
  private static int lastMember(List<Hop> path) {
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i).isMember()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The index of the field or component hop of {@code path} to blame, or -1: the deepest one whose
   * declared type itself leads to the problem. In {@code record Box<T>(T value)} used as {@code
   * Box<StringBuilder>}, {@code value} is not to blame but whoever wrote {@code StringBuilder}: a
   * member that holds a {@code Box<StringBuilder>}, or nobody in a record, when the result type
   * itself says {@code Box<StringBuilder>}.
   */
  private int culprit(List<Hop> path) {
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i).isMember() && !substituted(path, i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the problem at the end of {@code path} lies in what a type variable of the member at
   * {@code member} was replaced with: the member's declared type is followed along the rest of the
   * path, as declared, until it reaches the end (not substituted) or a type variable (substituted).
   */
  private boolean substituted(List<Hop> path, int member) {
    TypeMirror declared = path.get(member).member().asType();
    for (int i = member + 1; ; i++) {
      if (declared.getKind() == TypeKind.TYPEVAR) {
        return true;
      }
      if (i == path.size()) {
        return false;
      }
      Hop hop = path.get(i);
      if (hop.step() == Step.TYPE_ARGUMENT
          && declared.getKind() == TypeKind.DECLARED
          && ((DeclaredType) declared).getTypeArguments().size() > hop.index()) {
        declared = ((DeclaredType) declared).getTypeArguments().get(hop.index());
      } else if (hop.step() == Step.BOUND
          && declared.getKind() == TypeKind.WILDCARD
          && ((WildcardType) declared).getExtendsBound() != null) {
        declared = ((WildcardType) declared).getExtendsBound();
      } else if (hop.isMember() && declared.getKind() == TypeKind.DECLARED) {
        declared = declaredMemberType((DeclaredType) declared, hop.member());
        if (declared == null) {
          return false;
        }
      } else {
        return false;
      }
    }
  }

  /** The type of {@code member} in {@code owner}, as declared in terms of {@code owner}'s type. */
  private TypeMirror declaredMemberType(DeclaredType owner, Element member) {
    try {
      return member instanceof RecordComponentElement
          ? ((ExecutableType)
                  types.asMemberOf(owner, ((RecordComponentElement) member).getAccessor()))
              .getReturnType()
          : types.asMemberOf(owner, member);
    } catch (IllegalArgumentException e) {
      return null; // not a member of that type after all: blame the deeper member
    }
  }

  private static boolean isTriviallySendable(TypeMirror type) {
    return type.getKind().isPrimitive()
        || type.getKind() == TypeKind.VOID
        || type.getKind() == TypeKind.NULL
        || type.getKind() == TypeKind.ERROR; // unresolved: reported elsewhere, never twice
  }

  // --- the graph -------------------------------------------------------------------------------

  /** One type of a search, with what Tarjan's algorithm needs to know of it. */
  private static final class Node {
    final TypeKey key;
    final TypeMirror type;
    /** An intersection: Sendable when one bound is, not when all are. */
    boolean anyBound;
    /** Its problems and edges, in declaration order: {@link Problem}s and {@link Edge}s. */
    final List<Object> items = new ArrayList<>();
    /** Whether it holds an unresolved type, whose verdict may change in a later round. */
    boolean unresolved;
    int index;
    int lowLink;
    boolean onStack;
    boolean failing;

    Node(TypeKey key, TypeMirror type) {
      this.key = key;
      this.type = type;
    }
  }

  private record Edge(Hop hop, TypeKey target) {}

  /**
   * One depth-first search from a type whose verdict is not known yet: Tarjan's algorithm, which
   * hands over each strongly connected component as soon as it is complete, dependencies first.
   */
  private final class Search {
    final Map<TypeKey, Node> nodes = new HashMap<>();
    final Deque<Node> stack = new ArrayDeque<>();
    /** Verdicts decided in this search, memoized or not. */
    final Map<TypeKey, Verdict> decided = new HashMap<>();
    /** The decided types that hold an unresolved type. */
    final Set<TypeKey> unresolved = new HashSet<>();
    int counter;

    Verdict known(TypeKey key) {
      Verdict verdict = verdicts.get(key);
      return verdict != null ? verdict : decided.get(key);
    }

    void visit(TypeMirror type, TypeKey key) {
      Node node = new Node(key, type);
      node.index = node.lowLink = counter++;
      nodes.put(key, node);
      stack.push(node);
      node.onStack = true;
      expand(node);
      for (Object item : node.items) {
        if (!(item instanceof Edge)) {
          continue;
        }
        Edge edge = (Edge) item;
        if (known(edge.target()) != null) {
          continue;
        }
        Node target = nodes.get(edge.target());
        if (target == null) {
          visit(edge.hop().to(), edge.target());
          node.lowLink = Math.min(node.lowLink, nodes.get(edge.target()).lowLink);
        } else if (target.onStack) {
          node.lowLink = Math.min(node.lowLink, target.index);
        }
      }
      if (node.lowLink == node.index) {
        List<Node> component = new ArrayList<>();
        Node member;
        do {
          member = stack.pop();
          member.onStack = false;
          component.add(0, member);
        } while (member != node);
        decide(component);
      }
    }

    /** Decides a whole strongly connected component at once. */
    void decide(List<Node> component) {
      boolean holdsUnresolved = false;
      for (Node node : component) {
        holdsUnresolved |= node.unresolved;
        for (Object item : node.items) {
          holdsUnresolved |= item instanceof Edge && unresolved.contains(((Edge) item).target());
        }
      }
      // The least set of failing members, so that Sendable is the greatest fixed point: a member
      // fails when it has a problem or an edge to a failing type (an intersection: when all its
      // edges do). Members found failing are propagated backwards along the component's edges.
      Map<TypeKey, Node> members = new HashMap<>();
      component.forEach(node -> members.put(node.key, node));
      Map<Node, List<Node>> predecessors = new HashMap<>();
      Map<Node, Integer> sendableEdges = new HashMap<>();
      Deque<Node> failing = new ArrayDeque<>();
      for (Node node : component) {
        int edges = 0;
        int failingEdges = 0;
        boolean problem = false;
        for (Object item : node.items) {
          if (item instanceof Problem) {
            problem = true;
            continue;
          }
          edges++;
          Node target = members.get(((Edge) item).target());
          if (target != null) {
            predecessors.computeIfAbsent(target, t -> new ArrayList<>()).add(node);
          } else if (!known(((Edge) item).target()).sendable()) {
            failingEdges++;
          }
        }
        sendableEdges.put(node, edges - failingEdges);
        if (problem
            || (!node.anyBound && failingEdges > 0)
            || (node.anyBound && edges > 0 && failingEdges == edges)) {
          node.failing = true;
          failing.add(node);
        }
      }
      while (!failing.isEmpty()) {
        Node node = failing.poll();
        for (Node predecessor : predecessors.getOrDefault(node, List.of())) {
          if (predecessor.failing) {
            continue;
          }
          int left = sendableEdges.merge(predecessor, -1, Integer::sum);
          if (!predecessor.anyBound || left == 0) {
            predecessor.failing = true;
            failing.add(predecessor);
          }
        }
      }
      // All causes first: until then, known() tells the component's members from decided types.
      Map<Node, Verdict> componentVerdicts = new LinkedHashMap<>();
      for (Node node : component) {
        componentVerdicts.put(node, node.failing ? new Verdict(causes(node)) : Verdict.SENDABLE);
      }
      for (Map.Entry<Node, Verdict> entry : componentVerdicts.entrySet()) {
        TypeKey key = entry.getKey().key;
        decided.put(key, entry.getValue());
        if (holdsUnresolved) {
          unresolved.add(key);
        } else {
          verdicts.put(key, entry.getValue());
        }
      }
    }

    private boolean fails(Edge edge) {
      Verdict verdict = known(edge.target());
      return verdict != null ? !verdict.sendable() : nodes.get(edge.target()).failing;
    }

    /**
     * Every problem reachable from {@code start} along failing edges, breadth first so that each
     * comes with its shortest path; a problem reached again through the same member is listed
     * once.
     */
    private List<Cause> causes(Node start) {
      Map<List<Object>, Cause> found = new LinkedHashMap<>();
      Deque<Node> queue = new ArrayDeque<>();
      Map<Node, List<Hop>> paths = new HashMap<>();
      queue.add(start);
      paths.put(start, List.of());
      while (!queue.isEmpty()) {
        Node node = queue.poll();
        List<Hop> path = paths.get(node);
        for (Object item : node.items) {
          if (item instanceof Problem) {
            add(found, path, (Problem) item);
            continue;
          }
          Edge edge = (Edge) item;
          if (!fails(edge)) {
            continue;
          }
          List<Hop> extended = append(path, List.of(edge.hop()));
          Verdict verdict = known(edge.target());
          if (verdict != null) {
            for (Cause cause : verdict.causes()) {
              add(found, append(extended, cause.path()), cause.problem());
            }
          } else {
            Node target = nodes.get(edge.target());
            if (!paths.containsKey(target)) {
              paths.put(target, extended);
              queue.add(target);
            }
          }
        }
      }
      return List.copyOf(found.values());
    }

    /**
     * Adds {@code cause} unless the same problem is already there through the same culprit: a
     * non-final field is one cause however it is reached; "Date is mutable" is one per field or
     * component of type {@code Date}.
     */
    private void add(Map<List<Object>, Cause> found, List<Hop> path, Problem problem) {
      Cause cause = new Cause(path, problem, culprit(path));
      int member = cause.member();
      List<Object> identity = new ArrayList<>();
      identity.add(problem);
      identity.add(problem.field() != null || member < 0 ? null : path.get(member).member());
      found.putIfAbsent(identity, cause);
    }
  }

  private static List<Hop> append(List<Hop> path, List<Hop> more) {
    List<Hop> joined = new ArrayList<>(path.size() + more.size());
    joined.addAll(path);
    joined.addAll(more);
    return List.copyOf(joined);
  }

  // --- one type's problems and edges ----------------------------------------------------------

  private void expand(Node node) {
    TypeMirror type = node.type;
    switch (type.getKind()) {
      case ARRAY:
        problem(node, Flaw.ARRAY, type, arrayReplacement((ArrayType) type));
        return;
      case TYPEVAR:
        {
          TypeMirror bound = ((TypeVariable) type).getUpperBound();
          if (isObject(bound)) {
            problem(node, Flaw.UNBOUNDED_TYPE_VARIABLE, type, null);
          } else {
            edge(node, new Hop(Step.BOUND, null, type, bound, 0));
          }
          return;
        }
      case WILDCARD:
        {
          TypeMirror bound = ((WildcardType) type).getExtendsBound();
          if (bound == null) {
            problem(node, Flaw.UNBOUNDED_WILDCARD, type, null);
          } else {
            edge(node, new Hop(Step.BOUND, null, type, bound, 0));
          }
          return;
        }
      case INTERSECTION:
        node.anyBound = true;
        for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
          edge(node, new Hop(Step.BOUND, null, type, bound, 0));
        }
        return;
      case DECLARED:
        declared(node, (DeclaredType) type);
        return;
      default:
        problem(node, Flaw.NOT_A_VALUE, type, null);
    }
  }

  private void declared(Node node, DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    if (knownSendable.contains(name) || isTrusted(element)) {
      return;
    }
    if (!element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty()) {
      problem(node, Flaw.RAW_TYPE, type, null);
      return;
    }
    if (IMMUTABLE.contains(name) || name.startsWith("java.time.")) {
      return;
    }
    if (SENDABLE_CONTAINERS.contains(name) || isGuavaImmutable(name)) {
      typeArguments(node, type);
      return;
    }
    if (COLLECTION_INTERFACES.contains(name)) {
      if (strict) {
        problem(node, Flaw.STRICT_COLLECTION, type, null);
      } else {
        typeArguments(node, type);
      }
      return;
    }
    Flaw mutable = KNOWN_MUTABLE.get(name);
    if (mutable != null) {
      problem(
          node,
          mutable,
          type,
          mutable == Flaw.MUTABLE_COLLECTION ? collectionReplacement(name, type) : null);
      return;
    }
    switch (element.getKind()) {
      case ENUM:
        fields(node, type);
        return;
      case RECORD:
        components(node, type, element);
        return;
      case INTERFACE:
        permittedSubtypes(node, element, Flaw.OPEN_INTERFACE);
        return;
      case CLASS:
        if (element.getModifiers().contains(Modifier.SEALED)) {
          fields(node, type);
          permittedSubtypes(node, element, Flaw.OPEN_CLASS);
        } else if (!element.getModifiers().contains(Modifier.FINAL)) {
          node.items.add(new Problem(Flaw.OPEN_CLASS, type, null, element, null));
        } else {
          fields(node, type);
        }
        return;
      default:
        problem(node, Flaw.NOT_A_VALUE, type, null);
    }
  }

  private void typeArguments(Node node, DeclaredType type) {
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    for (int i = 0; i < arguments.size(); i++) {
      edge(node, new Hop(Step.TYPE_ARGUMENT, null, type, arguments.get(i), i));
    }
  }

  /**
   * The instance fields of {@code type} and of its superclasses: each non-final one is a problem,
   * and the type of each is checked too, so that one build reports both.
   */
  private void fields(Node node, DeclaredType type) {
    for (DeclaredType current = type; current != null; current = superclass(current)) {
      TypeElement declaring = (TypeElement) current.asElement();
      for (VariableElement field : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
        if (field.getModifiers().contains(Modifier.STATIC)
            || field.getKind() == ElementKind.ENUM_CONSTANT
            || isTrusted(field)) {
          continue;
        }
        if (!field.getModifiers().contains(Modifier.FINAL)) {
          node.items.add(new Problem(Flaw.NON_FINAL_FIELD, current, field, null, null));
        }
        edge(node, new Hop(Step.FIELD, field, current, types.asMemberOf(current, field), 0));
      }
    }
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

  private void components(Node node, DeclaredType type, TypeElement record) {
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (isTrusted(component) || isTrusted(accessorField(component))) {
        continue;
      }
      ExecutableElement accessor = component.getAccessor();
      TypeMirror componentType =
          ((ExecutableType) types.asMemberOf(type, accessor)).getReturnType();
      edge(node, new Hop(Step.COMPONENT, component, type, componentType, 0));
    }
  }

  /** The private field behind a record component; annotations may land on either. */
  private static Element accessorField(RecordComponentElement component) {
    for (VariableElement field :
        ElementFilter.fieldsIn(component.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(component.getSimpleName())) {
        return field;
      }
    }
    return null;
  }

  private void permittedSubtypes(Node node, TypeElement element, Flaw open) {
    List<? extends TypeMirror> permitted = element.getPermittedSubclasses();
    if (!element.getModifiers().contains(Modifier.SEALED) || permitted.isEmpty()) {
      node.items.add(new Problem(open, node.type, null, element, null));
      return;
    }
    for (TypeMirror subtype : permitted) {
      edge(node, new Hop(Step.PERMITTED_SUBTYPE, null, node.type, subtype, 0));
    }
  }

  private static void problem(Node node, Flaw flaw, TypeMirror type, String replacement) {
    node.items.add(new Problem(flaw, type, null, null, replacement));
  }

  private void edge(Node node, Hop hop) {
    TypeMirror target = hop.to();
    if (target.getKind() == TypeKind.ERROR) {
      node.unresolved = true;
      return;
    }
    if (isTriviallySendable(target)) {
      return;
    }
    node.items.add(new Edge(hop, TypeKey.of(target)));
  }

  /** {@code List<String>} for an {@code ArrayList<String>}, {@code Map<K, V>} for a map. */
  private static String collectionReplacement(String name, DeclaredType type) {
    StringBuilder replacement =
        new StringBuilder(COLLECTION_REPLACEMENTS.getOrDefault(name, "List")).append('<');
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    for (int i = 0; i < arguments.size(); i++) {
      replacement.append(i == 0 ? "" : ", ").append(Describe.type(arguments.get(i)));
    }
    return replacement.append('>').toString();
  }

  /** {@code List<Integer>} for an {@code int[]}. */
  private String arrayReplacement(ArrayType type) {
    TypeMirror component = type.getComponentType();
    TypeMirror element =
        component.getKind().isPrimitive()
            ? types.boxedClass((javax.lang.model.type.PrimitiveType) component).asType()
            : component;
    return "List<" + Describe.type(element) + ">";
  }

  private static boolean isObject(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals("java.lang.Object");
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
}
