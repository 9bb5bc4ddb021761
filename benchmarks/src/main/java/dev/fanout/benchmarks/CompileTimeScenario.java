package dev.fanout.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compile-time cost: javac over {@value #INTERFACES} service interfaces made from one template,
 * each with three {@code @FanOut} methods, without annotation processing and with Fanout's
 * processors (which also generate and compile {@value #INTERFACES} classes). In process, rounds
 * interleaved, the first round discarded as warm-up.
 *
 * <p>A third run has a processor that only writes the classes Fanout generated, prepared in
 * advance: javac's own cost of any processor that generates them, which no processor can go below.
 */
final class CompileTimeScenario {
  static final int INTERFACES = 200;

  void run(Settings settings, PrintStream out) throws Exception {
    Path sources = Files.createTempDirectory("fanout-compile-sources");
    Path generated = Files.createTempDirectory("fanout-compile-generated");
    try {
      List<Path> interfaces = writeInterfaces(sources);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      // What the processor writes, kept as plain sources: javac compiling the same code by hand.
      compile(javac, interfaces, generated);
      List<Path> withGenerated = new ArrayList<>(interfaces);
      try (Stream<Path> files = Files.walk(generated)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(withGenerated::add);
      }
      Map<String, String> generatedSources = new TreeMap<>();
      for (Path file : withGenerated.subList(interfaces.size(), withGenerated.size())) {
        String simpleName = file.getFileName().toString().replace(".java", "");
        generatedSources.put("bench." + simpleName, Files.readString(file));
      }
      List<Double> plain = new ArrayList<>();
      List<Double> handWritten = new ArrayList<>();
      List<Double> processed = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<Double> processorOnly = new ArrayList<>();
      List<Double> copied = new ArrayList<>();
      List<Double> copiedRatios = new ArrayList<>();
      for (int round = 0; round <= settings.compileRounds(); round++) {
        double interfacesOnly = compile(javac, interfaces, null);
        double sameCode = compile(javac, withGenerated, null);
        Path scratch = Files.createTempDirectory("fanout-compile-s");
        double with = compile(javac, interfaces, scratch);
        deleteRecursively(scratch);
        Path copyScratch = Files.createTempDirectory("fanout-compile-c");
        double copying = compile(javac, interfaces, copyScratch, new SourceCopier(generatedSources));
        deleteRecursively(copyScratch);
        if (round > 0) { // round 0 warms javac up
          plain.add(interfacesOnly);
          handWritten.add(sameCode);
          processed.add(with);
          ratios.add(with / interfacesOnly);
          processorOnly.add(with / sameCode);
          copied.add(copying);
          copiedRatios.add(copying / sameCode);
        }
      }
      new Table(
              String.format(Locale.ROOT,
                  "Compile time: javac over %d interfaces with three @FanOut methods each", INTERFACES),
              "javac run",
              "ms, median (p25-p75)",
              "ratio vs javac over the interfaces",
              "ratio vs javac over the same code, hand-written")
          .row("interfaces, -proc:none", Rounds.summary(plain, 0), "1.00", "")
          .row("interfaces + the generated classes as sources, -proc:none",
              Rounds.summary(handWritten, 0), "", "1.00")
          .row("interfaces, with a processor that only writes the same classes (javac's own cost"
                  + " of a generating round)",
              Rounds.summary(copied, 0), "", Rounds.summary(copiedRatios, 2))
          .row("interfaces, with Fanout's processors", Rounds.summary(processed, 0),
              Rounds.summary(ratios, 2), Rounds.summary(processorOnly, 2))
          .print(out);
    } finally {
      deleteRecursively(sources);
      deleteRecursively(generated);
    }
  }

  private static List<Path> writeInterfaces(Path root) throws IOException {
    Path dir = Files.createDirectories(root.resolve("bench"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < INTERFACES; i++) {
      String name = "Service" + i;
      String source =
          "package bench;\n\n"
              + "import dev.fanout.annotation.FanOut;\n"
              + "import dev.fanout.annotation.Strategy;\n"
              + "import java.io.IOException;\n"
              + "import java.util.List;\n\n"
              + "public interface " + name + " {\n"
              + "  record Item(String id, long cents) {}\n\n"
              + "  record Page(Item first, List<Item> rest) {}\n\n"
              + "  Item item(String id) throws IOException;\n\n"
              + "  Item first(String id) throws IOException;\n\n"
              + "  List<Item> rest(String id) throws IOException;\n\n"
              + "  @FanOut(concurrency = 8, using = \"item\")\n"
              + "  List<Item> items(List<String> ids) throws IOException;\n\n"
              + "  @FanOut(strategy = Strategy.RACE, using = \"item\", timeout = \"2s\")\n"
              + "  Item fastest(List<String> ids) throws IOException;\n\n"
              + "  @FanOut\n"
              + "  Page page(String id) throws IOException;\n"
              + "}\n";
      Path file = dir.resolve(name + ".java");
      Files.writeString(file, source);
      files.add(file);
    }
    return files;
  }

  /** Compiles {@code files}; with Fanout's processors writing to {@code generated}, or none if null. */
  private static double compile(JavaCompiler javac, List<Path> files, Path generated)
      throws IOException {
    return compile(javac, files, generated, null);
  }

  /**
   * Compiles {@code files}: with {@code processor} if given, else with Fanout's processors
   * (found on the class path) when {@code generated} is not null, else with none.
   */
  private static double compile(
      JavaCompiler javac, List<Path> files, Path generated, Processor processor)
      throws IOException {
    Path out = Files.createTempDirectory("fanout-compile-out");
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
      String classPath = System.getProperty("java.class.path");
      List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classPath));
      if (processor != null) {
        options.addAll(List.of("-s", generated.toString()));
      } else if (generated != null) {
        options.addAll(List.of("-processorpath", classPath, "-s", generated.toString()));
      } else {
        options.add("-proc:none");
      }
      long start = System.nanoTime();
      JavaCompiler.CompilationTask task =
          javac.getTask(null, fileManager, null, options, null, fileManager.getJavaFileObjectsFromPaths(files));
      if (processor != null) {
        task.setProcessors(List.of(processor));
      }
      Boolean ok = task.call();
      long elapsed = System.nanoTime() - start;
      if (!ok) {
        throw new IllegalStateException("the benchmark's interfaces did not compile");
      }
      return elapsed / 1e6;
    } finally {
      deleteRecursively(out);
    }
  }

  /**
   * Writes sources prepared in advance, all in the first round, and does nothing else: what any
   * processor that generates these classes costs javac (a second round, which enters every source
   * again, and the generated classes compiled), without any processor's own work.
   */
  private static final class SourceCopier extends AbstractProcessor {
    private final Map<String, String> sources;
    private boolean written;

    SourceCopier(Map<String, String> sources) {
      this.sources = sources;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.fanout.annotation.FanOut");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return false;
      }
      written = true;
      for (Map.Entry<String, String> source : sources.entrySet()) {
        try (Writer writer = processingEnv.getFiler().createSourceFile(source.getKey()).openWriter()) {
          writer.write(source.getValue());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
