package dev.fanout.processor;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * A compiler whose own console output is kept off the console. compile-testing passes no writer to
 * {@link #getTask}, and Eclipse's compiler then prints every problem (and a harmless internal
 * message) to standard error, although the same problems reach the test as diagnostics: a passing
 * build would show pages of "ERROR in" blocks. The text goes to a writer nobody reads instead.
 */
final class QuietCompiler implements JavaCompiler {
  private final JavaCompiler delegate;

  QuietCompiler(JavaCompiler delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompilationTask getTask(
      Writer out,
      JavaFileManager fileManager,
      DiagnosticListener<? super JavaFileObject> diagnosticListener,
      Iterable<String> options,
      Iterable<String> classes,
      Iterable<? extends JavaFileObject> compilationUnits) {
    return delegate.getTask(
        out != null ? out : new StringWriter(),
        fileManager,
        diagnosticListener,
        options,
        classes,
        compilationUnits);
  }

  @Override
  public StandardJavaFileManager getStandardFileManager(
      DiagnosticListener<? super JavaFileObject> diagnosticListener,
      Locale locale,
      Charset charset) {
    return delegate.getStandardFileManager(diagnosticListener, locale, charset);
  }

  @Override
  public int isSupportedOption(String option) {
    return delegate.isSupportedOption(option);
  }

  @Override
  public int run(
      InputStream in,
      OutputStream out,
      OutputStream err,
      String... arguments) {
    return delegate.run(in, out, err, arguments);
  }

  @Override
  public Set<SourceVersion> getSourceVersions() {
    return delegate.getSourceVersions();
  }
}
