package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The README's tour of TaskGroup, compiled and run. {@link #everyTourSnippetIsCompiledHere()}
 * fails when a snippet in the README's tour no longer appears, word for word, in this file.
 */
class ReadmeTourTest {
  // --- The tour's domain: small, real, in-memory services ---------------------------------------

  record Thumbnail(String id) {}

  record User(long id, String name) {}

  record Order(String number) {}

  record Review(int stars) {}

  record Profile(User user, List<Order> orders, List<Review> reviews) {}

  record Product(long id, String replica) {}

  record SearchResult(String provider, List<String> hits) {}

  record Price(String sku, long cents) {}

  static final class Images {
    Thumbnail fetch(String id) throws IOException {
      if (id.isEmpty()) {
        throw new IOException("no such image");
      }
      return new Thumbnail(id);
    }
  }

  static final class Users {
    User load(long id) {
      return new User(id, "Ada");
    }
  }

  static final class Shop {
    List<Order> ordersOf(long userId) {
      return List.of(new Order("o-" + userId));
    }

    List<Review> reviewsBy(long userId) {
      return List.of(new Review(5));
    }
  }

  record Replica(String name, boolean fast) {
    Product product(long id) throws InterruptedException {
      if (!fast) {
        new CountDownLatch(1).await(); // a replica that never answers: only cancellation ends this
      }
      return new Product(id, name);
    }
  }

  record SearchProvider(String name, boolean up) {
    SearchResult search(String query) throws IOException {
      if (!up) {
        throw new IOException(name + " is down");
      }
      return new SearchResult(name, List.of(query + " in " + name));
    }
  }

  static final class Pricing {
    Price priceOf(String sku) {
      return new Price(sku, 100L * sku.length());
    }
  }

  static final class Gallery {
    final List<Thumbnail> shown = new ArrayList<>();

    void show(Thumbnail thumbnail) {
      shown.add(thumbnail);
    }
  }

  static final class Uploader {
    final ConcurrentLinkedQueue<Path> uploaded = new ConcurrentLinkedQueue<>();

    void upload(Path file) throws IOException {
      if (file.toString().contains("corrupt")) {
        throw new IOException("cannot upload " + file);
      }
      uploaded.add(file);
    }
  }

  private final Images images = new Images();
  private final Users users = new Users();
  private final Shop shop = new Shop();
  private final Pricing pricing = new Pricing();
  private final Uploader uploader = new Uploader();

  // --- The tour ------------------------------------------------------------------------------------

  @Test
  void fanOutOverAList() throws Exception {
    List<String> ids = List.of("a", "b", "c");
    List<Thumbnail> thumbnails;
    try (TaskGroup<Thumbnail> group = TaskGroup.builder().concurrency(16).open()) {
      for (String id : ids) {
        group.spawn(() -> images.fetch(id));
      }
      thumbnails = group.all(); // input order; the first failure cancels the rest and is thrown
    }
    assertEquals(List.of(new Thumbnail("a"), new Thumbnail("b"), new Thumbnail("c")), thumbnails);
  }

  @Test
  void loadDifferentThingsAtOnce() throws Exception {
    long id = 7;
    Profile profile;
    try (TaskGroup<Object> group = TaskGroup.open()) {
      Subtask<User> user = group.spawn(() -> users.load(id));
      Subtask<List<Order>> orders = group.spawn(() -> shop.ordersOf(id));
      Subtask<List<Review>> reviews = group.spawn(() -> shop.reviewsBy(id));
      group.all();
      profile = new Profile(user.get(), orders.get(), reviews.get());
    }
    assertEquals("Ada", profile.user().name());
    assertEquals(List.of(new Order("o-7")), profile.orders());
  }

  @Test
  void hedgeAcrossReplicas() throws Exception {
    List<Replica> replicas =
        List.of(new Replica("eu", false), new Replica("us", true), new Replica("ap", false));
    long productId = 42;
    Product product;
    try (TaskGroup<Product> group = TaskGroup.open()) {
      for (Replica replica : replicas) {
        group.spawn(() -> replica.product(productId));
      }
      product = group.race(); // the first to settle wins; the others are cancelled
    }
    assertEquals(new Product(42, "us"), product);
  }

  @Test
  void firstAnswerFromSeveralProviders() throws Exception {
    List<SearchProvider> providers =
        List.of(new SearchProvider("alpha", false), new SearchProvider("beta", true));
    String query = "loom";
    SearchResult result;
    try (TaskGroup<SearchResult> group =
        TaskGroup.builder().timeout(Duration.ofSeconds(2)).open()) {
      for (SearchProvider provider : providers) {
        group.spawn(() -> provider.search(query));
      }
      result = group.any(); // the first success wins; fails only if every provider fails
    }
    assertEquals("beta", result.provider());
  }

  @Test
  void showResultsAsTheyArrive() throws Exception {
    List<String> ids = IntStream.range(0, 20).mapToObj(i -> "img-" + i).collect(Collectors.toList());
    Gallery gallery = new Gallery();
    try (TaskGroup<Thumbnail> group = TaskGroup.builder().concurrency(8).open()) {
      ids.forEach(id -> group.spawn(() -> images.fetch(id)));
      for (Subtask<Thumbnail> done : group) {
        gallery.show(done.get()); // completion order; get() rethrows a failure
      }
    }
    assertEquals(20, gallery.shown.size());
  }

  @Test
  void keyedResults() throws Exception {
    List<String> skus = List.of("tea", "coffee");
    Map<String, Price> prices;
    try (TaskGroup<Price> group = TaskGroup.open()) {
      for (String sku : skus) {
        group.spawn(sku, () -> pricing.priceOf(sku));
      }
      prices = group.allKeyed(); // each key to its result, in spawn order
    }
    assertEquals(600, prices.get("coffee").cents());
  }

  @Test
  void millionsOfTasksInBoundedMemory() throws Exception {
    int count = 50_000;
    List<Path> files =
        IntStream.range(0, count).mapToObj(i -> Path.of("photo-" + i + ".jpg")).collect(Collectors.toList());
    try (TaskGroup<Void> group =
        TaskGroup.builder().discarding().concurrency(50).queueLimit(100).open()) {
      for (Path file : files) {
        group.spawn(
            () -> {
              uploader.upload(file);
              return null;
            });
      }
      group.awaitCompletion();
    } // close() throws the upload failures that nobody looked at
    assertEquals(count, uploader.uploaded.size());
  }

  /** The group above, measured: what it references after the wait does not grow with the tasks. */
  @Test
  void theDiscardingGroupOfTheTourReferencesOnlyWhatRunsOrWaits() throws Exception {
    int count = 50_000;
    try (TaskGroup<Void> group =
        TaskGroup.builder().discarding().concurrency(50).queueLimit(100).open()) {
      for (int i = 0; i < count; i++) {
        Path file = Path.of("photo-" + i + ".jpg");
        group.spawn(
            () -> {
              uploader.upload(file);
              return null;
            });
      }
      group.awaitCompletion();
      int retained = group.retainedTasks();
      assertTrue(retained <= 2 * (50 + 100) + 64, "tasks still referenced: " + retained);
    }
    assertEquals(count, uploader.uploaded.size());
  }

  @Test
  void aFailureNobodyWaitedForIsNotLost() {
    Path file = Path.of("corrupt.jpg");
    TaskGroupException e =
        assertThrows(
            TaskGroupException.class,
            () -> {
              try (TaskGroup<Void> group = TaskGroup.open()) {
                group.spawn(
                    () -> {
                      uploader.upload(file);
                      return null;
                    });
                group.awaitCompletion(); // waits, but does not look at failures...
              } // ...so close() throws the upload's failure
            });
    assertTrue(e.getCause() instanceof IOException);
  }

  @Test
  void aChildCanCheckForCancellation() throws Exception {
    AtomicInteger pagesRead = new AtomicInteger();
    CountDownLatch reading = new CountDownLatch(1);
    try (TaskGroup<Integer> group = TaskGroup.open()) {
      Subtask<Integer> crawler =
          group.spawn(
              () -> {
                reading.countDown();
                int pages = 0;
                while (!TaskGroup.isCurrentTaskCancelled()) {
                  pages = pagesRead.incrementAndGet(); // read the next page...
                }
                return pages; // ...and stop cleanly once the group is cancelled
              });
      Tasks.await(reading);
      group.cancel();
      group.awaitCompletion();
      assertTrue(crawler.get() >= 0, "returned normally after the cancellation");
    }
  }

  @Test
  void failuresCarryEveryError() throws Exception {
    IOException down = new IOException("down");
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(
          () -> {
            throw down;
          });
      try {
        group.all();
      } catch (TaskGroupException e) {
        Throwable first = e.getCause(); // the failure that settled first
        List<Throwable> every = e.failures(); // all of them, in spawn order
        assertSame(down, first);
        assertEquals(List.of(down), every);
      }
    }
  }

  // --- The README stays in step with the code above --------------------------------------------

  @Test
  void everyTourSnippetIsCompiledHere() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## A tour of TaskGroup");
    assertTrue(start >= 0, "the README has a tour section");
    int end = readme.indexOf("\n## ", start + 1);
    String tour = readme.substring(start, end < 0 ? readme.length() : end);
    String source =
        normalize(Files.readString(Path.of("src/test/java/dev/fanout/ReadmeTourTest.java")));
    Matcher snippets = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(tour);
    int count = 0;
    while (snippets.find()) {
      count++;
      String snippet = normalize(snippets.group(1));
      assertTrue(source.contains(snippet), "README snippet not compiled in this test:\n" + snippet);
    }
    assertTrue(count >= 8, "expected the tour's snippets, found " + count);
  }

  /** Compares code modulo indentation and line breaks. */
  private static String normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
  }
}
