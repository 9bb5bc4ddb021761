package dev.fanout.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.TaskGroup;
import dev.fanout.TaskGroupException;
import dev.fanout.TaskGroupTimeoutException;
import dev.fanout.it.LoopbackServer.Behaviour;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime used by hand against a real HTTP server on 127.0.0.1. */
class TaskGroupOverHttpTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  private LoopbackServer server;
  private LoopbackClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = new LoopbackServer();
    client = new LoopbackClient(server);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void theServerNeverSeesMoreRequestsInFlightThanTheConcurrencyLimit() throws Exception {
    int limit = 8;
    server.route("/wave/", Behaviour.meetAt(new CyclicBarrier(limit)));
    server.route("/item/", Behaviour.delay(Duration.ofMillis(2)));
    List<String> expected = new ArrayList<>();
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(limit).open()) {
      for (int i = 0; i < 200; i++) {
        // The first wave meets at a barrier on the server: all 8 must be in flight together.
        String path = (i < limit ? "/wave/" : "/item/") + i;
        expected.add(path);
        group.spawn(() -> client.get(path));
      }
      assertEquals(expected, group.all(), "results in input order");
    }
    assertEquals(limit, server.maxInFlight());
    assertEquals(200 - limit, server.stats("/item/").started.get()); // counted before responding
  }

  @Test
  void raceKeepsTheFastestReplicaAndTheServerSeesTheOthersHangUp() throws Exception {
    server.route("/replica/slow", Behaviour.hang());
    server.route("/replica/fast", server.okAfterStarted("/replica/slow", 2, "from the fast replica"));
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> client.get("/replica/slow-1"));
      group.spawn(() -> client.get("/replica/slow-2"));
      group.spawn(() -> client.get("/replica/fast"));
      assertEquals("from the fast replica", group.race());
    }
    assertTrue(server.awaitDisconnects("/replica/slow", 2, BOUND), "losers were cancelled on the wire");
    assertEquals(0, server.stats("/replica/slow").completed.get());
  }

  @Test
  void aFailingRequestStopsTheOthersFailFast() throws Exception {
    server.route("/slow/", Behaviour.hang());
    server.route("/broken", Behaviour.fail(503));
    try (TaskGroup<String> group = TaskGroup.builder().concurrency(2).open()) {
      group.spawn(() -> client.get("/slow/0"));
      group.spawn(() -> client.get("/broken"));
      for (int i = 1; i <= 18; i++) {
        String path = "/slow/" + i;
        group.spawn(() -> client.get(path));
      }
      TaskGroupException e = assertThrows(TaskGroupException.class, group::all);
      assertTrue(e.getCause() instanceof IOException);
      assertEquals("HTTP 503 from /broken", e.getCause().getMessage());
    }
    int slowStarted = server.stats("/slow/").started.get();
    // /slow/0, plus at most the one queued request that took /broken's slot before all() began.
    assertTrue(slowStarted <= 2, "queued requests never reached the server: " + slowStarted);
    assertTrue(server.awaitDisconnects("/slow/", slowStarted, BOUND));
  }

  @Test
  void anyIgnoresAFailingProviderAndTakesTheFirstAnswer() throws Exception {
    server.route("/search/down", Behaviour.fail(500));
    server.route("/search/slow", Behaviour.hang());
    server.route("/search/ok", server.okAfterStarted("/search/slow", 1, "42 results"));
    try (TaskGroup<String> group = TaskGroup.open()) {
      group.spawn(() -> client.get("/search/down"));
      group.spawn(() -> client.get("/search/slow"));
      group.spawn(() -> client.get("/search/ok"));
      assertEquals("42 results", group.any());
    }
    assertTrue(server.awaitDisconnects("/search/slow", 1, BOUND));
  }

  @Test
  void aTimeoutAbandonsTheRequestsOnTheWire() throws Exception {
    server.route("/stuck/", Behaviour.hang());
    try (TaskGroup<String> group = TaskGroup.builder().timeout(Duration.ofMillis(100)).open()) {
      for (int i = 0; i < 3; i++) {
        String path = "/stuck/" + i;
        group.spawn(() -> client.get(path));
      }
      assertThrows(TaskGroupTimeoutException.class, group::all);
    }
    assertTrue(server.awaitEveryStartedAbandoned("/stuck/", BOUND));
    assertEquals(0, server.inFlight());
  }
}
