package dev.fanout.it;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A thin blocking client over {@link HttpClient}: a non-2xx status is an {@link IOException}. */
public final class LoopbackClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final LoopbackServer server;

  public LoopbackClient(LoopbackServer server) {
    this.server = server;
  }

  /**
   * GETs {@code path} for a leaf that declares only {@link IOException}: an interrupt abandons the
   * request and surfaces as {@link InterruptedIOException}, the interrupt flag restored.
   */
  public String fetch(String path) throws IOException {
    return fetch(path, Map.of());
  }

  /** {@link #fetch(String)} with {@code headers}. */
  public String fetch(String path, Map<String, String> headers) throws IOException {
    try {
      return get(path, headers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted: GET " + path);
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  /** GETs {@code path}; interruptible: an interrupt abandons the request (the server sees it). */
  public String get(String path) throws IOException, InterruptedException {
    return get(path, Map.of());
  }

  /** GETs {@code path} with {@code headers} (a request id, a {@code traceparent}...). */
  public String get(String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
    headers.forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + " from " + path);
    }
    return response.body();
  }
}
