package dev.fanout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's services give the right answers (their timings are the demo's business, not a test's). */
class GeneratedServicesTest {
  private DemoServer server;
  private DemoClient client;

  @BeforeEach
  void start() throws Exception {
    server = new DemoServer();
    client = new DemoClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void thumbnailsComeBackInInputOrderWithProgressForEach() throws Exception {
    List<String> ids = IntStream.range(0, 40).mapToObj(i -> "img-" + i).collect(Collectors.toList());
    List<String> progress = new ArrayList<>();
    List<ThumbnailService.Thumbnail> thumbnails =
        new HttpServices.Thumbnails(client).fetchThumbnails(ids, t -> progress.add(t.id()));
    assertEquals(ids, thumbnails.stream().map(ThumbnailService.Thumbnail::id).collect(Collectors.toList()));
    assertEquals(40, progress.size());
    assertTrue(thumbnails.stream().allMatch(t -> t.bytes() > 200));
  }

  @Test
  void theProfileIsAssembledFromAllThreeServices() throws Exception {
    ProfileService.Profile profile = new HttpServices.Profiles(client).profile(7);
    assertEquals(
        new ProfileService.Profile("Ada Lovelace", List.of("order-17", "order-42"), "5 stars: works first time"),
        profile);
  }

  @Test
  void theHedgedRequestKeepsTheFastestReplica() throws Exception {
    assertEquals("product 42 from replica 2", new HttpServices.Catalog(client).product(List.of(1, 2, 3), 42));
  }

  @Test
  void theSearchSkipsTheFailingProvider() throws Exception {
    assertEquals("beta: 3 results for q=java", new HttpServices.Search(client).search("java"));
  }
}
