package dev.fanout.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's {@link HttpServer}) with per-path behaviour and a
 * record of what it saw: requests started, completed and abandoned by the client, and how many were
 * in flight at once.
 *
 * <p>Paths are matched by prefix ({@code /replica/} matches {@code /replica/3}); the longest prefix
 * wins. A {@linkplain Behaviour#hang() hanging} path trickles a byte every few milliseconds so
 * that a client disconnect shows up as a failed write, which is how the server notices a
 * cancelled request.
 */
public final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
  private final Map<String, PathStats> stats = new ConcurrentHashMap<>();
  /** Exchange attribute: the Runnable that takes the request out of the in-flight count. */
  private static final String LEAVE_FLIGHT = "fanout.test.leaveFlight";

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  /** Notified whenever a counter changes, so that tests wait for a count instead of polling. */
  private final Object counterChanged = new Object();

  LoopbackServer() throws IOException {
    // Headers and body are separate writes: without TCP_NODELAY every response waits ~40 ms for
    // a delayed ACK. The JDK's server reads this property once, before its first use.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** What a path does with a request. */
  interface Behaviour {
    void respond(HttpExchange exchange, String path) throws IOException, InterruptedException;

    /** Answers 200 with {@code body} at once. */
    static Behaviour ok(String body) {
      return (exchange, path) -> send(exchange, 200, body);
    }

    /** Answers 200 with the request path as the body. */
    static Behaviour echo() {
      return (exchange, path) -> send(exchange, 200, path);
    }

    /** Answers with {@code status} at once. */
    static Behaviour fail(int status) {
      return (exchange, path) -> send(exchange, status, "injected failure");
    }

    /** Simulated latency: answers 200 with the path after {@code latency}. */
    static Behaviour delay(Duration latency) {
      return (exchange, path) -> {
        Thread.sleep(latency.toMillis());
        send(exchange, 200, path);
      };
    }

    /** Waits at {@code barrier} (proof of parallelism), then echoes the path. */
    static Behaviour meetAt(CyclicBarrier barrier) {
      return (exchange, path) -> {
        try {
          barrier.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          send(exchange, 500, "barrier broken: " + e);
          return;
        }
        send(exchange, 200, path);
      };
    }

    /** Never completes: trickles the body until the client goes away. */
    static Behaviour hang() {
      return (exchange, path) -> {
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        while (true) { // a write to a closed connection throws: that is the disconnect
          body.write(' ');
          body.flush();
          Thread.sleep(5); // simulated slow response: a byte every 5 ms until the client leaves
        }
      };
    }
  }

  /**
   * Counters for one route. {@code started} is counted before the handler answers, so a client
   * that has its response always sees it; {@code completed} and {@code disconnected} are counted
   * after the exchange ends, so tests wait for them (awaitDisconnects) rather than read them.
   */
  static final class PathStats {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger disconnected = new AtomicInteger();
  }

  /**
   * Answers 200 with {@code body} once {@code count} requests to {@code prefix} have started: a
   * winner that waits for its losers to be in flight, so that their cancellation is observable.
   */
  Behaviour okAfterStarted(String prefix, int count, String body) {
    return (exchange, path) -> {
      awaitCount(stats(prefix).started, count, Duration.ofSeconds(20));
      send(exchange, 200, body);
    };
  }

  LoopbackServer route(String prefix, Behaviour behaviour) {
    routes.put(prefix, behaviour);
    stats.put(prefix, new PathStats());
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  PathStats stats(String prefix) {
    return stats.get(prefix);
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Waits until {@code prefix} has seen {@code count} disconnects; false after {@code bound}. */
  boolean awaitDisconnects(String prefix, int count, Duration bound) throws InterruptedException {
    return awaitCount(stats(prefix).disconnected, count, bound);
  }

  /** Waits until {@code prefix} has started {@code count} requests; false after {@code bound}. */
  boolean awaitStarted(String prefix, int count, Duration bound) throws InterruptedException {
    return awaitCount(stats(prefix).started, count, bound);
  }

  /** Waits, woken by every counter change, until {@code counter} reaches {@code count}. */
  private boolean awaitCount(AtomicInteger counter, int count, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    synchronized (counterChanged) {
      while (counter.get() < count) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
          return false;
        }
        counterChanged.wait(remaining);
      }
      return true;
    }
  }

  private void counted(AtomicInteger counter) {
    counter.incrementAndGet();
    synchronized (counterChanged) {
      counterChanged.notifyAll();
    }
  }

  /**
   * Waits until every request to {@code prefix} that reached the server was abandoned by its
   * client, and none completed: for deadlines, where a request may be cancelled before it is sent.
   */
  boolean awaitEveryStartedAbandoned(String prefix, Duration bound) throws InterruptedException {
    PathStats pathStats = stats(prefix);
    return awaitDisconnects(prefix, pathStats.started.get(), bound)
        && pathStats.completed.get() == 0;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String prefix = longestPrefix(path);
    if (prefix == null) {
      send(exchange, 404, "no route for " + path);
      return;
    }
    PathStats pathStats = stats.get(prefix);
    counted(pathStats.started);
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    // A request leaves flight as its response starts, not after this thread is done with it: the
    // client may have read the whole response and sent its next request by then, and the count
    // would briefly show one request too many.
    java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable leaveFlight =
        () -> {
          if (left.compareAndSet(false, true)) {
            inFlight.decrementAndGet();
          }
        };
    exchange.setAttribute(LEAVE_FLIGHT, leaveFlight);
    AtomicInteger outcome = null;
    try {
      routes.get(prefix).respond(exchange, path);
      outcome = pathStats.completed;
    } catch (IOException e) {
      outcome = pathStats.disconnected;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // server shutting down
    } finally {
      leaveFlight.run();
      exchange.close();
    }
    // Counted after leaving flight, so a test that saw the count also sees inFlight drop.
    if (outcome != null) {
      counted(outcome);
    }
  }

  private String longestPrefix(String path) {
    String best = null;
    for (String prefix : routes.keySet()) {
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Object leaveFlight = exchange.getAttribute(LEAVE_FLIGHT);
    if (leaveFlight instanceof Runnable) {
      ((Runnable) leaveFlight).run();
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
