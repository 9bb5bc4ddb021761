package dev.fanout.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's embedded server on 127.0.0.1: thumbnails, a user's profile parts, three replicas of
 * a product catalogue and three search providers, each with a fixed simulated latency so that the
 * demo's timings tell a story.
 *
 * <ul>
 *   <li>{@code /thumbnails/{id}}: {@value #THUMBNAIL_MS} ms, a few hundred bytes
 *   <li>{@code /users/{id}}, {@code /orders/{id}}, {@code /reviews/{id}}: 120, 180, 150 ms
 *   <li>{@code /replicas/{1,2,3}/products/{id}}: 400, 40, 250 ms
 *   <li>{@code /search/{alpha,beta,gamma}?q=}: alpha fails with 503 after 10 ms; beta answers in
 *       60 ms, gamma in 200 ms
 * </ul>
 */
final class DemoServer implements AutoCloseable {
  static final int THUMBNAIL_MS = 20;

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();

  DemoServer() throws IOException {
    // Headers and body go out in two writes; without TCP_NODELAY, Nagle's algorithm and delayed
    // ACKs add ~40 ms to every response and the sequential baseline would be a lie. The JDK's
    // server reads this property once, before its first use.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(handlers);
    server.createContext("/thumbnails/", exchange -> answer(exchange, THUMBNAIL_MS, 200, thumbnail(exchange)));
    server.createContext("/users/", exchange -> answer(exchange, 120, 200, "Ada Lovelace"));
    server.createContext("/orders/", exchange -> answer(exchange, 180, 200, "order-17,order-42"));
    server.createContext("/reviews/", exchange -> answer(exchange, 150, 200, "5 stars: works first time"));
    server.createContext("/replicas/", this::replica);
    server.createContext("/search/", this::search);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void replica(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath(); // /replicas/2/products/7
    String replica = path.split("/")[2];
    int latency = replica.equals("1") ? 400 : replica.equals("2") ? 40 : 250;
    answer(exchange, latency, 200, "product " + path.substring(path.lastIndexOf('/') + 1) + " from replica " + replica);
  }

  private void search(HttpExchange exchange) throws IOException {
    String provider = exchange.getRequestURI().getPath().substring("/search/".length());
    switch (provider) {
      case "alpha":
        answer(exchange, 10, 503, "alpha is down");
        break;
      case "beta":
        answer(exchange, 60, 200, "beta: 3 results for " + exchange.getRequestURI().getQuery());
        break;
      default:
        answer(exchange, 200, 200, provider + ": 5 results for " + exchange.getRequestURI().getQuery());
    }
  }

  private static String thumbnail(HttpExchange exchange) {
    String id = exchange.getRequestURI().getPath().substring("/thumbnails/".length());
    return "PNG:" + id + ":" + "#".repeat(200 + Math.abs(id.hashCode() % 300));
  }

  /** Simulated work: the latency is the point of the demo. */
  private static void answer(HttpExchange exchange, int latencyMillis, int status, String body)
      throws IOException {
    try {
      Thread.sleep(latencyMillis);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
