package dev.fanout.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * What to generate for one service interface: an abstract class {@code generatedClass} that
 * implements {@code implementedType} and its {@code @FanOut} methods, leaving the leaves abstract.
 *
 * @param serviceClass the interface, raw, for Javadoc links
 * @param serviceDisplayName the interface's name as users write it ({@code Outer.Inner})
 * @param isPublic whether the generated class is public (it is when the interface is)
 * @param generatedAnnotation {@code @Generated} when it resolves on the compile class path
 * @param nonSealed whether the interface is sealed (and permits the generated class)
 * @param deprecation the class's own deprecation, mirroring the interface's (or an enclosing
 *     type's): {@code NONE}, {@code DEPRECATED} (the class is {@code @Deprecated} too, which keeps
 *     its use of the interface quiet), or {@code FOR_REMOVAL}
 * @param suppressedWarnings lint categories the class suppresses, each the interface's own doing:
 *     {@code removal} for an interface deprecated for removal (which {@code @Deprecated} does not
 *     quiet), {@code try} for an {@code AutoCloseable} interface whose {@code close()} may throw
 *     {@code InterruptedException}
 * @param qualifiedNames simple names always written fully qualified: the member types the class
 *     inherits from the interface and the types of its package that share a name with a type it
 *     imports, both of which would hide that import
 */
record ServiceModel(
    ClassName generatedClass,
    ClassName serviceClass,
    String serviceDisplayName,
    TypeName implementedType,
    List<TypeVariableName> typeVariables,
    boolean isPublic,
    ClassName generatedAnnotation,
    boolean nonSealed,
    Deprecation deprecation,
    List<String> suppressedWarnings,
    List<String> qualifiedNames,
    List<FanOutMethodModel> methods) {

  /** How deprecated the interface is. */
  enum Deprecation {
    NONE,
    DEPRECATED,
    FOR_REMOVAL
  }
}
