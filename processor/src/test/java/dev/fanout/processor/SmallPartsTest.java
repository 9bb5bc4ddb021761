package dev.fanout.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmallPartsTest {

  @ParameterizedTest
  @CsvSource({
    "250ms, PT0.25S",
    "5s, PT5S",
    "5 s, PT5S",
    "2m, PT2M",
    "1h, PT1H",
    "PT5S, PT5S",
    "pt1m30s, PT1M30S",
  })
  void timeoutsParse(String text, String iso) {
    assertThat(TimeoutSyntax.parse(text)).isEqualTo(Optional.of(Duration.parse(iso)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "0s", "-5s", "PT0S", "PT-1S", "5 seconds", "1d", "ms"})
  void badTimeoutsAreRejected(String text) {
    assertThrows(IllegalArgumentException.class, () -> TimeoutSyntax.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "ids, id",
    "replicas, replica",
    "entries, entry",
    "addresses, address",
    "boxes, box",
    "data, dataElement",
    "s, sElement",
    "class, classElement",
  })
  void elementVariablesReadLikeHandWrittenCode(String collection, String element) {
    assertThat(VariableNames.elementOf(collection, Set.of("group"))).isEqualTo(element);
  }

  @ParameterizedTest
  @CsvSource({"ids, idsElement", "groups, groupsElement2"})
  void elementVariablesNeverShadowAnotherName(String collection, String element) {
    assertThat(VariableNames.elementOf(collection, Set.of("id", "group", "groupsElement")))
        .isEqualTo(element);
  }
}
