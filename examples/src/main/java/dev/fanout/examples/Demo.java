package dev.fanout.examples;

import dev.fanout.TaskGroup;
import java.io.PrintStream;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fanout's demo: starts an embedded server on 127.0.0.1 and runs the seed scenarios through
 * services whose {@code @FanOut} methods the annotation processor generated. Run it with {@code
 * mvn -q -Pdemo package} from the repository root.
 */
public final class Demo {
  private static final int THUMBNAILS = 100;
  private static final int CONCURRENCY = 16;

  private Demo() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    out.printf(
        "Fanout demo on Java %s, children on %s threads%n%n",
        Runtime.version().feature(),
        TaskGroup.usesVirtualThreads() ? "virtual" : "platform");
    try (DemoServer server = new DemoServer()) {
      DemoClient client = new DemoClient(server);
      ThumbnailService thumbnails = new HttpServices.Thumbnails(client);
      List<String> ids =
          IntStream.range(0, THUMBNAILS).mapToObj(i -> "img-" + i).collect(Collectors.toList());

      out.printf("1. %d thumbnails (%d ms each on the server)%n", THUMBNAILS, DemoServer.THUMBNAIL_MS);
      IntConsumer sequentialProgress = progress(out, "sequential");
      long start = System.nanoTime();
      for (int i = 0; i < ids.size(); i++) {
        thumbnails.fetchThumbnail(ids.get(i));
        sequentialProgress.accept(i + 1);
      }
      long sequential = System.nanoTime() - start;
      out.printf("%n");
      IntConsumer fanOutProgress = progress(out, "@FanOut/16");
      int[] done = {0};
      start = System.nanoTime();
      List<ThumbnailService.Thumbnail> fetched =
          thumbnails.fetchThumbnails(ids, thumbnail -> fanOutProgress.accept(++done[0]));
      long fannedOut = System.nanoTime() - start;
      out.printf(
          "%n   sequential %d ms, @FanOut %d ms: %.1fx faster, %d thumbnails in input order (first %s)%n%n",
          sequential / 1_000_000,
          fannedOut / 1_000_000,
          (double) sequential / fannedOut,
          fetched.size(),
          fetched.get(0).id());

      out.println("2. A user profile from three services (120, 180 and 150 ms)");
      start = System.nanoTime();
      ProfileService.Profile profile = new HttpServices.Profiles(client).profile(7);
      out.printf("   %s in %d ms%n%n", profile, (System.nanoTime() - start) / 1_000_000);

      out.println("3. A hedged request to three replicas (400, 40 and 250 ms)");
      start = System.nanoTime();
      String product = new HttpServices.Catalog(client).product(List.of(1, 2, 3), 42);
      out.printf(
          "   \"%s\" in %d ms; the two slower requests were cancelled%n%n",
          product, (System.nanoTime() - start) / 1_000_000);

      out.println("4. First answer from three search providers (alpha fails, beta 60 ms, gamma 200 ms)");
      start = System.nanoTime();
      String answer = new HttpServices.Search(client).search("structured+concurrency");
      out.printf(
          "   \"%s\" in %d ms; alpha's failure was skipped%n",
          answer, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * A live progress line, rewritten in place with a carriage return on a terminal; when the output
   * is a file or a build log, only every quarter is drawn, so the log stays readable.
   */
  private static IntConsumer progress(PrintStream out, String label) {
    boolean terminal = System.console() != null;
    return done -> {
      if (!terminal && done % (THUMBNAILS / 4) != 0) {
        return;
      }
      int width = 40;
      int filled = done * width / THUMBNAILS;
      out.printf(
          "%s   %-14s [%s%s] %3d/%d",
          terminal ? "\r" : (done == THUMBNAILS / 4 ? "" : "\n"),
          label,
          "#".repeat(filled),
          " ".repeat(width - filled),
          done,
          THUMBNAILS);
      out.flush();
    };
  }
}
