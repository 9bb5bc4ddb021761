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
 * @param memberTypeNames simple names of member types the class inherits from the interface:
 *     they hide imports of the same name, so such types are written fully qualified
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
    List<String> memberTypeNames,
    List<FanOutMethodModel> methods) {}
