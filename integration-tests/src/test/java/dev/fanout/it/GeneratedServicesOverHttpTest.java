package dev.fanout.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.TaskGroupTimeoutException;
import dev.fanout.it.LoopbackServer.Behaviour;
import dev.fanout.it.services.CountingServiceFanOut;
import dev.fanout.it.services.ProfileService;
import dev.fanout.it.services.ProfileServiceFanOut;
import dev.fanout.it.services.ReplicaService.Replica;
import dev.fanout.it.services.ReplicaServiceFanOut;
import dev.fanout.it.services.SearchServiceFanOut;
import dev.fanout.it.services.SlowServiceFanOut;
import dev.fanout.it.services.ThumbnailServiceFanOut;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service interfaces compiled by the processor in this module's real Maven build, implemented by
 * extending the generated classes, and run against a real HTTP server on 127.0.0.1. Each test
 * asserts what the server saw.
 */
class GeneratedServicesOverHttpTest {
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

  /** The user's implementation: leaves only; the fan-out methods are generated. */
  final class HttpThumbnails extends ThumbnailServiceFanOut {
    @Override
    public String fetchThumbnail(String id) throws IOException {
      return client.fetch("/thumbs/" + id);
    }
  }

  final class HttpReplicas extends ReplicaServiceFanOut {
    @Override
    public String product(Replica replica, long id) throws IOException, InterruptedException {
      return client.get(replica.path() + "/" + id);
    }
  }

  final class HttpSearch extends SearchServiceFanOut {
    @Override
    public String alpha(String query) throws IOException {
      return client.fetch("/search/alpha?q=" + query);
    }

    @Override
    public String beta(String query) throws IOException {
      return client.fetch("/search/beta?q=" + query);
    }

    @Override
    public String gamma(String query) throws IOException {
      return client.fetch("/search/gamma?q=" + query);
    }
  }

  final class HttpSlow extends SlowServiceFanOut {
    @Override
    public String slow(String id) throws IOException {
      return client.fetch("/stuck/" + id);
    }
  }

  final class HttpProfiles extends ProfileServiceFanOut {
    @Override
    public String user(long id) throws IOException {
      return client.fetch("/profile/user/" + id);
    }

    @Override
    public String orders(long id) throws IOException {
      return client.fetch("/profile/orders/" + id);
    }

    @Override
    public String reviews(long id) throws IOException {
      return client.fetch("/profile/reviews/" + id);
    }
  }

  @Test
  void theConcurrencyLimitIsReachedButNeverExceededAndInputOrderIsKept() throws Exception {
    server.route("/thumbs/wave-", Behaviour.meetAt(new CyclicBarrier(4)));
    server.route("/thumbs/", Behaviour.delay(Duration.ofMillis(2)));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(i < 4 ? "wave-" + i : "img-" + i);
    }
    List<String> thumbnails = new HttpThumbnails().fetchThumbnails(ids);
    assertEquals(ids.stream().map(id -> "/thumbs/" + id).collect(Collectors.toList()), thumbnails);
    assertEquals(4, server.maxInFlight(), "the first four met at the server's barrier");
  }

  @Test
  void aMapResultIsKeyedByElementInInputOrder() throws Exception {
    server.route("/thumbs/", Behaviour.echo());
    Map<String, String> byId = new HttpThumbnails().thumbnailsById(List.of("b", "a", "c"));
    assertEquals(List.of("b", "a", "c"), new ArrayList<>(byId.keySet()));
    assertEquals("/thumbs/a", byId.get("a"));
  }

  @Test
  void progressArrivesOnTheCallingThreadOncePerElement() throws Exception {
    server.route("/thumbs/", Behaviour.echo());
    Thread caller = Thread.currentThread();
    List<String> seen = new ArrayList<>(); // not synchronized: the consumer runs on this thread
    AtomicInteger foreignCalls = new AtomicInteger();
    List<String> ids = List.of("a", "b", "c", "d", "e");
    List<String> result =
        new HttpThumbnails()
            .fetchThumbnailsWithProgress(
                ids,
                thumbnail -> {
                  if (Thread.currentThread() != caller) {
                    foreignCalls.incrementAndGet();
                  }
                  seen.add(thumbnail);
                });
    assertEquals(0, foreignCalls.get());
    assertEquals(5, seen.size());
    assertEquals(result.stream().sorted().collect(Collectors.toList()), seen.stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void aFailureStopsTheOtherRequestsAndArrivesAsTheDeclaredCheckedException() throws Exception {
    server.route("/thumbs/hang-", Behaviour.hang());
    server.route("/thumbs/broken", Behaviour.fail(503));
    List<String> ids = new ArrayList<>(List.of("hang-0", "broken"));
    for (int i = 1; i <= 18; i++) {
      ids.add("hang-" + i);
    }
    IOException e = assertThrows(IOException.class, () -> new HttpThumbnails().fetchThumbnails(ids));
    assertEquals("HTTP 503 from /thumbs/broken", e.getMessage(), "unwrapped: the leaf's own exception");
    int started = server.stats("/thumbs/hang-").started.get();
    assertTrue(started <= 4, "the limit kept most requests from ever starting: " + started);
    assertTrue(server.awaitDisconnects("/thumbs/hang-", started, BOUND), "in-flight ones were cancelled");
  }

  @Test
  void raceKeepsTheFastestReplicaAndCancelsTheOthersOnTheWire() throws Exception {
    server.route("/replica-slow", Behaviour.hang());
    server.route("/replica-fast", server.okAfterStarted("/replica-slow", 2, "/replica-fast/42"));
    List<Replica> replicas =
        List.of(new Replica("/replica-slow-1"), new Replica("/replica-fast"), new Replica("/replica-slow-2"));
    assertEquals("/replica-fast/42", new HttpReplicas().product(replicas, 42));
    assertTrue(server.awaitDisconnects("/replica-slow", 2, BOUND));
    assertEquals(0, server.stats("/replica-slow").completed.get());
  }

  @Test
  void raceOverNoReplicasIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new HttpReplicas().product(List.of(), 1));
    assertEquals("replicas is empty: RACE needs an element", e.getMessage());
  }

  @Test
  void anySkipsTheFailingProviderAndTakesTheFirstAnswer() throws Exception {
    server.route("/search/alpha", Behaviour.fail(500));
    server.route("/search/gamma", Behaviour.hang());
    server.route("/search/beta", server.okAfterStarted("/search/gamma", 1, "beta: 3 hits"));
    assertEquals("beta: 3 hits", new HttpSearch().search("loom"));
    assertTrue(server.awaitDisconnects("/search/gamma", 1, BOUND));
  }

  @Test
  void anyWithEveryProviderFailingThrowsTheFirstFailureUnchangedAndLogsTheOthers() {
    server.route("/search/", Behaviour.fail(502));
    IOException e;
    List<LogRecord> logged;
    try (CapturedLog log = new CapturedLog("dev.fanout")) {
      e = assertThrows(IOException.class, () -> new HttpSearch().search("loom"));
      logged = log.records();
    }
    assertTrue(e.getMessage().startsWith("HTTP 502 from /search/"), e.getMessage());
    assertEquals(0, e.getSuppressed().length, "the leaf's own exception object is not changed");
    assertEquals(1, logged.size(), "one record for the call");
    Throwable all = logged.get(0).getThrown();
    assertSame(e, all.getCause());
    assertEquals(2, all.getSuppressed().length, "the two other failures travel in the record");
    for (Throwable other : all.getSuppressed()) {
      assertTrue(other.getMessage().startsWith("HTTP 502 from /search/"), other.getMessage());
    }
  }

  @Test
  void aTimeoutBecomesTheDeclaredTimeoutExceptionAndAbandonsTheRequests() throws Exception {
    server.route("/stuck/", Behaviour.hang());
    TimeoutException e =
        assertThrows(TimeoutException.class, () -> new HttpSlow().slowAll(List.of("a", "b")));
    assertTrue(e.getCause() instanceof TaskGroupTimeoutException);
    assertTrue(server.awaitEveryStartedAbandoned("/stuck/", BOUND));
  }

  @Test
  void aTimeoutIsTheRuntimesUncheckedOneWhenTimeoutExceptionIsNotDeclared() throws Exception {
    server.route("/stuck/", Behaviour.hang());
    assertThrows(TaskGroupTimeoutException.class, () -> new HttpSlow().slowAllUnchecked(List.of("a")));
    assertTrue(server.awaitEveryStartedAbandoned("/stuck/", BOUND));
  }

  @Test
  void aTimeoutWhileReportingProgressIsStillTheDeclaredTimeoutException() throws Exception {
    server.route("/stuck/", Behaviour.hang());
    server.route("/stuck/fast", Behaviour.echo());
    List<String> progress = new ArrayList<>();
    TimeoutException e =
        assertThrows(
            TimeoutException.class,
            () -> new HttpSlow().slowWithProgress(List.of("fast", "a", "b"), progress::add));
    assertTrue(e.getCause() instanceof TaskGroupTimeoutException);
    assertEquals(List.of("/stuck/fast"), progress, "the result that arrived in time was reported");
    assertTrue(server.awaitEveryStartedAbandoned("/stuck/", BOUND));
  }

  @Test
  void aMapResultFetchesADuplicatedElementOnce() throws Exception {
    server.route("/thumbs/", Behaviour.echo());
    Map<String, String> byId = new HttpThumbnails().thumbnailsById(List.of("a", "b", "a"));
    assertEquals(List.of("a", "b"), new ArrayList<>(byId.keySet()));
    // started is counted before the response is written, so the client never runs ahead of it
    assertEquals(2, server.stats("/thumbs/").started.get(), "'a' was fetched once");
  }

  @Test
  void aRecordIsAssembledFromComponentsFetchedInParallel() throws Exception {
    server.route("/profile/", Behaviour.meetAt(new CyclicBarrier(3))); // all three at once, or fail
    ProfileService.Profile profile = new HttpProfiles().profile(7);
    assertEquals(
        new ProfileService.Profile("/profile/user/7", "/profile/orders/7", "/profile/reviews/7"),
        profile);
  }

  @Test
  void anInterruptedCallerGetsInterruptedExceptionWhenDeclaredAndTheRequestsAreCancelled()
      throws Exception {
    server.route("/replica-slow", Behaviour.hang());
    List<Replica> replicas = List.of(new Replica("/replica-slow-1"), new Replica("/replica-slow-2"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                new HttpReplicas().product(replicas, 1);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    caller.start();
    awaitStarted("/replica-slow", 2);
    caller.interrupt();
    caller.join(BOUND.toMillis());
    assertFalse(caller.isAlive());
    assertTrue(thrown.get() instanceof InterruptedException, "" + thrown.get());
    assertTrue(server.awaitDisconnects("/replica-slow", 2, BOUND));
  }

  @Test
  void anInterruptedCallerGetsACancellationWithTheFlagRestoredWhenNotDeclared() throws Exception {
    server.route("/thumbs/", Behaviour.hang());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                new HttpThumbnails().fetchThumbnails(List.of("a", "b"));
              } catch (Throwable t) {
                thrown.set(t);
                flag.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    awaitStarted("/thumbs/", 2);
    caller.interrupt();
    caller.join(BOUND.toMillis());
    assertTrue(thrown.get() instanceof CancellationException, "" + thrown.get());
    assertSame(Boolean.TRUE, flag.get());
    assertTrue(server.awaitDisconnects("/thumbs/", 2, BOUND));
  }

  @Test
  void tenThousandElementsUnderALimitOfFiftyNeverRunMoreThanFiftyAtOnce() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountingServiceFanOut squares =
        new CountingServiceFanOut() {
          @Override
          public int square(int x) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            inFlight.decrementAndGet();
            return x * x;
          }
        };
    List<Integer> xs = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
    List<Integer> result = squares.squares(xs);
    assertEquals(10_000, result.size());
    assertEquals(99_980_001, result.get(9_999));
    assertTrue(maxInFlight.get() <= 50, "limit exceeded: " + maxInFlight.get());
  }

  private void awaitStarted(String prefix, int count) throws InterruptedException {
    assertTrue(server.awaitStarted(prefix, count, BOUND), "requests never reached the server");
  }
}
