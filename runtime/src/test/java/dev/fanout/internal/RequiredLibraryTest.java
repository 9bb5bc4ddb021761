package dev.fanout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequiredLibraryTest {

  @Test
  void aMissingLibraryIsNamedWithTheTwoWaysOut() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                RequiredLibrary.check(
                    RequiredLibraryTest.class, "com.example.Missing", "Example", "fanout-x"));
    assertEquals(
        "fanout-x is on the class path but Example is not: add it, or remove fanout-x",
        e.getMessage());
  }

  @Test
  void aPresentLibraryPasses() {
    RequiredLibrary.check(RequiredLibraryTest.class, "java.lang.String", "Java", "fanout-x");
  }
}
