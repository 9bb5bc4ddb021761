package dev.fanout.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files: what the processor generates for the interfaces under {@code
 * src/test/resources/services}, compared character for character with {@code
 * src/test/resources/golden}.
 *
 * <p>To regenerate the golden files after an intended change, run {@code mvn -pl processor test
 * -Dfanout.updateGolden=true} and review the diff.
 */
class GeneratedSourcesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("fanout.updateGolden");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "test.ThumbnailService, test.ThumbnailServiceFanOut",
    "test.CatalogService, test.CatalogServiceFanOut",
    "test.ProfileService, test.ProfileServiceFanOut",
    "test.Repositories, test.Repositories_RepositoryFanOut",
    "test.Repositories, test.Repositories_UserNamesFanOut",
  })
  void generatedSourceMatchesItsGoldenFile(String service, String generated) throws IOException {
    Compilation compilation = Compilations.compile(Compilations.resource(service));
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject file =
        compilation
            .generatedSourceFile(generated)
            .orElseThrow(() -> new AssertionError(generated + " was not generated"));
    String actual = file.getCharContent(true).toString();
    Path golden = GOLDEN.resolve(generated + ".java");
    if (UPDATE) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertWithMessage("%s differs from %s (regenerate with -Dfanout.updateGolden=true)", generated, golden)
        .that(actual)
        .isEqualTo(Compilations.read(golden));
  }
}
