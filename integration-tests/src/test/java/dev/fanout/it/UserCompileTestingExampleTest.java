package dev.fanout.it;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.fanout.testing.FanoutCompiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class UserCompileTestingExampleTest {
  @Test
  void thumbnailServiceGetsItsFanOutClassWithoutWarnings() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "shop.ThumbnailService",
            "package shop;",
            "",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "",
            "public interface ThumbnailService {",
            "  String fetch(String id);",
            "",
            "  @FanOut(using = \"fetch\")",
            "  List<String> fetchAll(List<String> ids);",
            "}");

    Compilation compilation = FanoutCompiler.javac().compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.ThumbnailServiceFanOut")
        .contentsAsUtf8String()
        .contains("public abstract class ThumbnailServiceFanOut implements ThumbnailService");
  }

  @Test
  void aMutableChildResultIsACompileError() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "shop.CartService",
            "package shop;",
            "",
            "import dev.fanout.annotation.FanOut;",
            "import java.util.List;",
            "",
            "public interface CartService {",
            "  final class Cart {",
            "    int items;", // line 8: not final, so not safe to hand from a child to its caller
            "  }",
            "",
            "  Cart cart(String id);",
            "",
            "  @FanOut(using = \"cart\")",
            "  List<Cart> carts(List<String> ids);", // line 14
            "}");

    Compilation compilation = FanoutCompiler.javac().compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[FanOut/NotSendable] 'CartService.Cart' (result of carts) is not Sendable")
        .inFile(source)
        .onLine(14);
    assertThat(compilation)
        .hadErrorContaining("[FanOut/NotSendable] 'items' makes 'CartService.Cart'")
        .inFile(source)
        .onLine(8);
  }
}
