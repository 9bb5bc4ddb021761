// A stand-in for JCIP's annotation (not on the test class path): matched by qualified name.
package net.jcip.annotations;

public @interface Immutable {}
