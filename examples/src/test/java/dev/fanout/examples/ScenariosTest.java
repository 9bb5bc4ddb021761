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

/** The demo's scenarios give the right answers (their timings are the demo's business, not a test's). */
class ScenariosTest {
  private DemoServer server;
  private Scenarios scenarios;

  @BeforeEach
  void start() throws Exception {
    server = new DemoServer();
    scenarios = new Scenarios(new DemoClient(server));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void thumbnailsComeBackInInputOrderWithProgressForEach() throws Exception {
    List<String> ids = IntStream.range(0, 40).mapToObj(i -> "img-" + i).collect(Collectors.toList());
    List<Integer> progress = new ArrayList<>();
    List<Scenarios.Thumbnail> thumbnails = scenarios.fetchThumbnails(ids, 8, progress::add);
    assertEquals(ids, thumbnails.stream().map(Scenarios.Thumbnail::id).collect(Collectors.toList()));
    assertEquals(IntStream.rangeClosed(1, 40).boxed().collect(Collectors.toList()), progress);
    assertTrue(thumbnails.stream().allMatch(t -> t.bytes() > 200));
  }

  @Test
  void theProfileIsAssembledFromAllThreeServices() throws Exception {
    Scenarios.Profile profile = scenarios.profile(7);
    assertEquals("Ada Lovelace", profile.user());
    assertEquals(List.of("order-17", "order-42"), profile.orders());
    assertEquals("5 stars: works first time", profile.review());
  }

  @Test
  void theHedgedRequestKeepsTheFastestReplica() throws Exception {
    assertEquals("product 42 from replica 2", scenarios.hedgedProduct(42));
  }

  @Test
  void theSearchSkipsTheFailingProvider() throws Exception {
    assertEquals("beta: 3 results for q=java", scenarios.firstAnswer("java"));
  }
}
