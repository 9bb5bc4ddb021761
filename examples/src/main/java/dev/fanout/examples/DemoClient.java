package dev.fanout.examples;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Blocking GETs against the {@link DemoServer}; a non-2xx status is an {@link IOException}. */
final class DemoClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final DemoServer server;

  DemoClient(DemoServer server) {
    this.server = server;
  }

  /**
   * GETs {@code path} for a leaf that declares only {@link IOException}: when the fan-out cancels
   * this child, the interrupt abandons the request and surfaces as {@link InterruptedIOException}.
   */
  String fetch(String path) throws IOException {
    try {
      return get(path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted: GET " + path);
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + " from " + path);
    }
    return response.body();
  }
}
