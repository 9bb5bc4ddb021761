import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds and runs a user's project made from the README's "Using it in your build" snippets,
 * exactly as written, against the Fanout artifacts in the local repository (CI installs them
 * first, as the README tells users to).
 *
 * <p>Run from the repository root: {@code java .ci/ReadmeBuildCheck.java}. The README marks the
 * code blocks it checks with an HTML comment on the line before the fence: {@code <!--
 * build-check: pom -->} (pasted into a new pom.xml), {@code <!-- build-check: module-info -->}
 * (the module declaration of a JPMS user), and {@code test-dependencies}, {@code test-plugin} and
 * {@code test-class} (the compile-testing example). The user's sources are in
 * {@code .ci/readme-user-project}. Four projects are built:
 *
 * <ol>
 *   <li>the pom snippet as written, on the class path, and run;
 *   <li>the same with {@code -Xlint:all -Werror} added, the strict build the README promises works;
 *   <li>the pom snippet and the module-info snippet, on the module path, and run;
 *   <li>the pom snippet with the compile-testing example's dependencies, plugin and test class
 *       added where the README says, and {@code mvn test} must run its tests and pass.
 * </ol>
 *
 * Exits 1, printing Maven's output, if any build fails or the program does not print its OK line.
 */
public final class ReadmeBuildCheck {
  private static final String OK = "FANOUT-README-CHECK-OK";

  public static void main(String[] args) throws Exception {
    try {
      checkAll();
    } catch (CheckFailed e) {
      System.out.println(e.getMessage());
      System.exit(1);
    }
  }

  private static void checkAll() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    String pomSnippet = block(readme, "pom");
    String moduleInfo = block(readme, "module-info");
    Path sources = root.resolve(".ci/readme-user-project");

    if (!pomSnippet.contains("<compilerArgs>")) {
      throw new IllegalStateException("the README's pom snippet no longer has <compilerArgs>");
    }
    check("class path, as written", sources, pomSnippet, null);
    check(
        "class path, -Xlint:all -Werror",
        sources,
        pomSnippet.replace("<compilerArgs>", "<compilerArgs>\n<arg>-Xlint:all</arg>\n<arg>-Werror</arg>"),
        null);
    check("module path, as written", sources, pomSnippet, moduleInfo);
    checkTestingExample(
        sources,
        pomSnippet,
        block(readme, "test-dependencies"),
        block(readme, "test-plugin"),
        block(readme, "test-class"));
    System.out.println("README build check: the snippets build and run (" + javaVersion() + ")");
  }

  /** The code block after {@code <!-- build-check: name -->}. */
  static String block(String readme, String name) {
    String marker = "<!-- build-check: " + name + " -->";
    int at = readme.indexOf(marker);
    if (at < 0) {
      throw new IllegalStateException("README.md has no '" + marker + "' before a code block");
    }
    int fence = readme.indexOf("```", at);
    int start = readme.indexOf('\n', fence) + 1;
    int end = readme.indexOf("\n```", start);
    return readme.substring(start, end + 1);
  }

  private static void check(String label, Path sources, String pomSnippet, String moduleInfo)
      throws Exception {
    Path project = newProject(sources, pomSnippet);
    try {
      if (moduleInfo != null) {
        Files.writeString(project.resolve("src/main/java/module-info.java"), moduleInfo);
      }
      run(label, project, List.of(mvn(), "-B", "-q", "package"));
      Path classpathFile = project.resolve("classpath.txt");
      run(
          label,
          project,
          List.of(
              mvn(),
              "-B",
              "-q",
              "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
              "-Dmdep.outputFile=" + classpathFile));
      String path =
          project.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(classpathFile).strip();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          moduleInfo == null
              ? List.of(java, "-cp", path, "com.example.app.Main")
              : List.of(java, "-p", path, "-m", "com.example.app/com.example.app.Main");
      String output = run(label, project, command);
      if (!output.contains(OK)) {
        fail(label, "the program did not print " + OK, output);
      }
      System.out.println("  ok: " + label);
    } finally {
      deleteTree(project);
    }
  }

  /** The README's compile-testing example, pasted into the project the pom snippet makes. */
  private static void checkTestingExample(
      Path sources, String pomSnippet, String dependencies, String plugin, String testClass)
      throws Exception {
    String label = "compile-testing example";
    String pom =
        insertBefore(
            insertBefore(pomSnippet, "</dependencies>", dependencies), "</plugins>", plugin);
    Path project = newProject(sources, pom);
    try {
      String pkg = testClass.substring("package ".length(), testClass.indexOf(';'));
      String name = testClass.substring(testClass.indexOf("class ") + "class ".length());
      name = name.substring(0, name.indexOf(' '));
      Path file = project.resolve("src/test/java/" + pkg.replace('.', '/') + "/" + name + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, testClass);
      String output = run(label, project, List.of(mvn(), "-B", "test"));
      int tests = testClass.split("@Test\\b", -1).length - 1;
      if (tests == 0 || !output.contains("Tests run: " + tests + ", Failures: 0, Errors: 0")) {
        fail(label, "expected " + tests + " tests to run and pass", output);
      }
      System.out.println("  ok: " + label + " (" + tests + " tests)");
    } finally {
      deleteTree(project);
    }
  }

  /** A new user project: the sources, and a pom made from a snippet. */
  private static Path newProject(Path sources, String pomSnippet) throws IOException {
    Path dir = Files.createTempDirectory("fanout-readme-check-");
    copyTree(sources, dir);
    Files.writeString(dir.resolve("pom.xml"), pom(pomSnippet));
    return dir;
  }

  /** Inserts before the last {@code closingTag}: the project's own, not dependencyManagement's. */
  private static String insertBefore(String text, String closingTag, String insert) {
    int at = text.lastIndexOf(closingTag);
    if (at < 0) {
      throw new IllegalStateException("the README's pom snippet has no " + closingTag);
    }
    int lineStart = text.lastIndexOf('\n', at) + 1;
    return text.substring(0, lineStart) + insert + text.substring(lineStart);
  }

  private static String pom(String snippet) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>fanout-readme-user</artifactId>
          <version>1.0</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
        """
        + snippet
        + "</project>\n";
  }

  private static String run(String label, Path dir, List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      fail(label, String.join(" ", command) + " failed", output);
    }
    return output;
  }

  /** Throws, so that the project is deleted on the way out; main prints it and exits 1. */
  private static void fail(String label, String what, String output) {
    throw new CheckFailed("README build check FAILED (" + label + "): " + what + "\n" + output);
  }

  /** A snippet that did not build or run, with Maven's output. */
  private static final class CheckFailed extends RuntimeException {
    CheckFailed(String message) {
      super(message, null, false, false);
    }
  }

  private static String mvn() {
    return System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
  }

  private static String javaVersion() {
    return "Java " + System.getProperty("java.version");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}
