package dev.fanout.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * A type as a map key: equal for the same type, different for different ones. {@code TypeMirror}
 * has no such equality (javac compares by identity, and wildcards are never the same type even to
 * themselves), and a type's {@code toString()} is no key at all: the type variable {@code T} of one
 * interface prints as the {@code T} of any other. So a type is taken apart down to elements, which
 * both javac and Eclipse's compiler compare as declarations: a declared type by its class and its
 * type arguments (and, for an inner class, its enclosing type's), a type variable by the element
 * that declares it.
 *
 * @param head what the type is: its class or type variable element, or a marker of its kind
 * @param parts the keys of its parts: type arguments, component type, bounds
 */
record TypeKey(Object head, List<TypeKey> parts) {
  private static final TypeKey NONE = new TypeKey("none", List.of());

  static TypeKey of(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        {
          DeclaredType declared = (DeclaredType) type;
          List<TypeKey> parts = new ArrayList<>();
          for (TypeMirror argument : declared.getTypeArguments()) {
            parts.add(of(argument));
          }
          TypeMirror enclosing = declared.getEnclosingType();
          if (enclosing.getKind() == TypeKind.DECLARED
              && !((DeclaredType) enclosing).getTypeArguments().isEmpty()) {
            parts.add(of(enclosing));
          }
          return new TypeKey(declared.asElement(), List.copyOf(parts));
        }
      case TYPEVAR:
        return new TypeKey(((TypeVariable) type).asElement(), List.of());
      case ARRAY:
        return new TypeKey(TypeKind.ARRAY, List.of(of(((ArrayType) type).getComponentType())));
      case WILDCARD:
        {
          WildcardType wildcard = (WildcardType) type;
          return new TypeKey(
              TypeKind.WILDCARD,
              List.of(orNone(wildcard.getExtendsBound()), orNone(wildcard.getSuperBound())));
        }
      case INTERSECTION:
        {
          List<TypeKey> parts = new ArrayList<>();
          for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
            parts.add(of(bound));
          }
          return new TypeKey(TypeKind.INTERSECTION, List.copyOf(parts));
        }
      default:
        if (type.getKind().isPrimitive()
            || type.getKind() == TypeKind.VOID
            || type.getKind() == TypeKind.NULL) {
          return new TypeKey(type.getKind(), List.of());
        }
        // Error types, executables, packages...: what they print as is all there is to tell.
        return new TypeKey(type.getKind() + " " + type, List.of());
    }
  }

  private static TypeKey orNone(TypeMirror type) {
    return type == null ? NONE : of(type);
  }
}
