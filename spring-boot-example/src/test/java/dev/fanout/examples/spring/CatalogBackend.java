package dev.fanout.examples.spring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real product backend on 127.0.0.1 (the JDK's HTTP server, on a free port) that records what it
 * receives: each call's product id and {@code X-Request-Id}, and how many calls were in flight at
 * once.
 *
 * <p>{@link #answerInGroupsOf(int)} turns a claim about concurrency into a deterministic test: each
 * call waits until that many are in flight together, so a fan-out that is not concurrent cannot
 * pass. The wait is bounded; when it gives up, every waiting call answers 503 and the test fails
 * instead of hanging.
 */
final class CatalogBackend implements AutoCloseable {
  /** One call as the backend saw it. */
  record Call(long productId, String requestId) {}

  private static final long GROUP_WAIT_SECONDS = 10;

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  // Written by the test thread between requests, read by handler threads.
  private volatile CyclicBarrier group;

  private CatalogBackend(HttpServer server) {
    this.server = server;
  }

  /** Starts a backend on a free port of 127.0.0.1. */
  static CatalogBackend start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      CatalogBackend backend = new CatalogBackend(server);
      server.createContext("/products/", backend::handle);
      // The default executor is the single dispatcher thread: it could never hold calls together.
      server.setExecutor(backend.handlers);
      server.start();
      return backend;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL, for {@code catalog.backend-url}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on each call answers only once {@code calls} calls are in flight together. */
  void answerInGroupsOf(int calls) {
    group = new CyclicBarrier(calls);
  }

  /** Forgets what was recorded; calls answer at once again. */
  void reset() {
    group = null;
    calls.clear();
    maxInFlight.set(0);
  }

  /** Every call so far, in arrival order. */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The most calls that were in flight at one moment. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      long id = Long.parseLong(path.substring("/products/".length()));
      calls.add(new Call(id, exchange.getRequestHeaders().getFirst(RequestIdFilter.HEADER)));
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      int status = 200;
      String body = "{\"id\":" + id + ",\"name\":\"product " + id + "\"}";
      try {
        CyclicBarrier waitFor = group;
        if (waitFor != null) {
          waitFor.await(GROUP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
      } catch (TimeoutException | BrokenBarrierException e) {
        status = 503;
        body = "{\"error\":\"fewer calls than expected were in flight together\"}";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status = 503;
        body = "{\"error\":\"interrupted\"}";
      } finally {
        // Before the answer: the next call of the fan-out cannot overlap with this one.
        inFlight.decrementAndGet();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
