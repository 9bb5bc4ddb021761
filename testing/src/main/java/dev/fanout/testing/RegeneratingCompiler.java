package dev.fanout.testing;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticListener;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * javac, except that the {@code <Interface>FanOut} classes of the interfaces being compiled are not
 * looked up on the class path.
 *
 * <p>A user's test compiles their own interfaces, from {@code src/main/java} or as inline copies
 * under the same names; and the test's class path holds their build's output, where the processor
 * already put {@code ThumbnailServiceFanOut.class}. javac would find that class, and the processor
 * would refuse to generate over it ({@code [FanOut/NameClash]}). Hidden, it is generated again from
 * the source under test, as in the real build, which compiles the interface and its generated class
 * together.
 *
 * <p>Implementation note: the names are found by parsing the compilation units once more (javac's
 * public tree API, no processing) before the real task is created: javac lists a package's class
 * path entries as soon as it enters the sources, before any processor runs. Every interface
 * declared in them, nested ones too, gets the name the processor gives its generated class (see
 * {@link FanoutCompiler#generatedClassName(String, String, String...)}); that class and its nested
 * classes are left out of the class path's listings. A hand-written class of that name on the class
 * path is hidden too, so only the real build reports that clash.
 */
final class RegeneratingCompiler implements JavaCompiler {
  private final JavaCompiler javac;

  RegeneratingCompiler(JavaCompiler javac) {
    this.javac = javac;
  }

  @Override
  public CompilationTask getTask(
      Writer out,
      JavaFileManager fileManager,
      DiagnosticListener<? super JavaFileObject> diagnosticListener,
      Iterable<String> options,
      Iterable<String> classes,
      Iterable<? extends JavaFileObject> compilationUnits) {
    Set<String> regenerated = generatedClassNames(fileManager, compilationUnits);
    JavaFileManager files =
        regenerated.isEmpty() || fileManager == null
            ? fileManager
            : new HidingFileManager(fileManager, regenerated);
    return javac.getTask(out, files, diagnosticListener, options, classes, compilationUnits);
  }

  /** The generated classes' names for every interface the units declare; empty if none parse. */
  private Set<String> generatedClassNames(
      JavaFileManager fileManager, Iterable<? extends JavaFileObject> compilationUnits) {
    Set<String> names = new HashSet<>();
    if (compilationUnits == null) {
      return names;
    }
    // Errors are the real task's to report: this parse only reads the declarations it can.
    // -proc:none: parsing never processes, and javac need not even look for processors.
    JavacTask parser =
        (JavacTask)
            javac.getTask(
                new StringWriter(),
                fileManager,
                diagnostic -> {},
                List.of("-proc:none"),
                null,
                compilationUnits);
    Iterable<? extends CompilationUnitTree> units;
    try {
      units = parser.parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (CompilationUnitTree unit : units) {
      String packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
      for (Tree type : unit.getTypeDecls()) {
        if (type instanceof ClassTree) {
          collect(packageName, new ArrayList<>(), (ClassTree) type, names);
        }
      }
    }
    return names;
  }

  private static void collect(
      String packageName, List<String> enclosing, ClassTree type, Set<String> names) {
    List<String> path = new ArrayList<>(enclosing);
    path.add(type.getSimpleName().toString());
    if (type.getKind() == Tree.Kind.INTERFACE) {
      names.add(
          FanoutCompiler.generatedClassName(
              packageName, path.get(0), path.subList(1, path.size()).toArray(new String[0])));
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof ClassTree) {
        collect(packageName, path, (ClassTree) member, names);
      }
    }
  }

  @Override
  public StandardJavaFileManager getStandardFileManager(
      DiagnosticListener<? super JavaFileObject> diagnosticListener,
      Locale locale,
      Charset charset) {
    return javac.getStandardFileManager(diagnosticListener, locale, charset);
  }

  @Override
  public int isSupportedOption(String option) {
    return javac.isSupportedOption(option);
  }

  @Override
  public int run(InputStream in, OutputStream out, OutputStream err, String... arguments) {
    return javac.run(in, out, err, arguments);
  }

  @Override
  public Set<SourceVersion> getSourceVersions() {
    return javac.getSourceVersions();
  }

  /** Leaves classes that are about to be generated again out of the class path. */
  private static final class HidingFileManager extends ForwardingJavaFileManager<JavaFileManager> {
    private final Set<String> hidden;

    HidingFileManager(JavaFileManager fileManager, Set<String> hidden) {
      super(fileManager);
      this.hidden = hidden;
    }

    @Override
    public Iterable<JavaFileObject> list(
        Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
        throws IOException {
      Iterable<JavaFileObject> files = super.list(location, packageName, kinds, recurse);
      if (location != StandardLocation.CLASS_PATH) {
        return files;
      }
      List<JavaFileObject> visible = new ArrayList<>();
      for (JavaFileObject file : files) {
        if (!isHidden(inferBinaryName(location, file))) {
          visible.add(file);
        }
      }
      return visible;
    }

    @Override
    public JavaFileObject getJavaFileForInput(
        Location location, String className, JavaFileObject.Kind kind) throws IOException {
      if (location == StandardLocation.CLASS_PATH && isHidden(className)) {
        return null;
      }
      return super.getJavaFileForInput(location, className, kind);
    }

    private boolean isHidden(String binaryName) {
      if (binaryName == null) {
        return false;
      }
      int nested = binaryName.indexOf('$');
      return hidden.contains(nested < 0 ? binaryName : binaryName.substring(0, nested));
    }
  }
}
