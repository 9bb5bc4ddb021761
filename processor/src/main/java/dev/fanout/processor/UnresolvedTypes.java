package dev.fanout.processor;

import java.util.LinkedHashSet;
import java.util.Set;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleTypeVisitor9;

/**
 * Finds the types in a signature that do not resolve yet: often types another processor has still
 * to generate. A service that mentions one is deferred to the next round, not reported.
 */
final class UnresolvedTypes extends SimpleTypeVisitor9<Void, Set<String>> {
  private static final UnresolvedTypes INSTANCE = new UnresolvedTypes();

  private UnresolvedTypes() {}

  /** Adds the names of the unresolved types in {@code type} to {@code names}. */
  static void collect(TypeMirror type, Set<String> names) {
    type.accept(INSTANCE, names);
  }

  static Set<String> in(TypeMirror type) {
    Set<String> names = new LinkedHashSet<>();
    collect(type, names);
    return names;
  }

  @Override
  public Void visitError(ErrorType t, Set<String> names) {
    names.add(t.toString());
    return null;
  }

  @Override
  public Void visitDeclared(DeclaredType t, Set<String> names) {
    for (TypeMirror argument : t.getTypeArguments()) {
      argument.accept(this, names);
    }
    return null;
  }

  @Override
  public Void visitArray(ArrayType t, Set<String> names) {
    return t.getComponentType().accept(this, names);
  }

  @Override
  public Void visitWildcard(WildcardType t, Set<String> names) {
    if (t.getExtendsBound() != null) {
      t.getExtendsBound().accept(this, names);
    }
    if (t.getSuperBound() != null) {
      t.getSuperBound().accept(this, names);
    }
    return null;
  }

  @Override
  public Void visitTypeVariable(TypeVariable t, Set<String> names) {
    return null; // bounds are checked where the variable is declared
  }
}
