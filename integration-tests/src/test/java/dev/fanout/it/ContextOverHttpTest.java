package dev.fanout.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fanout.Registration;
import dev.fanout.Subtask;
import dev.fanout.it.services.SearchServiceFanOut;
import dev.fanout.it.services.ThumbnailServiceFanOut;
import dev.fanout.micrometer.FanoutMetrics;
import dev.fanout.observe.GroupObserver;
import dev.fanout.observe.TaskGroupListeners;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The caller's context reaches the leaves of generated services, over real HTTP, with nothing but
 * {@code fanout-slf4j} and {@code fanout-opentelemetry} on the class path: no builder call, no
 * registration, no change to the interfaces. The leaves log through SLF4J (Logback captures the
 * lines), start OpenTelemetry client spans (the SDK's in-memory exporter records them), and send
 * the request id and {@code traceparent} to a backend on 127.0.0.1, which records what it got.
 */
class ContextOverHttpTest {
  private static final org.slf4j.Logger LEAVES = LoggerFactory.getLogger("dev.fanout.it.leaves");
  private static final String REQUEST_ID = "requestId";

  private LoopbackServer server;
  private LoopbackClient client;
  private final Queue<String> requestIdsAtBackend = new ConcurrentLinkedQueue<>();
  private final Queue<String> traceparentsAtBackend = new ConcurrentLinkedQueue<>();
  private ListAppender<ILoggingEvent> logLines;
  private InMemorySpanExporter spans;
  private SdkTracerProvider tracing;
  private Tracer tracer;

  @BeforeEach
  void start() throws IOException {
    server = new LoopbackServer();
    client = new LoopbackClient(server);
    LoopbackServer.Behaviour recordHeaders =
        (exchange, path) -> {
          String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
          requestIdsAtBackend.add(String.valueOf(requestId));
          String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
          traceparentsAtBackend.add(String.valueOf(traceparent));
          LoopbackServer.Behaviour.ok(path).respond(exchange, path);
        };
    server.route("/thumbs/", recordHeaders);
    server.route("/search/", recordHeaders);
    logLines =
        new ListAppender<>() {
          @Override
          protected void append(ILoggingEvent line) {
            line.prepareForDeferredProcessing(); // thread name and MDC now, on the leaf's thread
            super.append(line);
          }
        };
    logLines.start();
    ((Logger) LEAVES).addAppender(logLines);
    spans = InMemorySpanExporter.create();
    tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    tracer = tracing.get("dev.fanout.it");
  }

  @AfterEach
  void stop() {
    ((Logger) LEAVES).detachAppender(logLines);
    tracing.close();
    server.close();
    MDC.clear();
  }

  /** What a user writes: leaves that log, trace and call a backend; the fan-out is generated. */
  final class TracedThumbnails extends ThumbnailServiceFanOut {
    @Override
    public String fetchThumbnail(String id) throws IOException {
      return tracedGet("/thumbs/" + id);
    }
  }

  final class TracedSearch extends SearchServiceFanOut {
    @Override
    public String alpha(String query) throws IOException {
      return tracedGet("/search/alpha?q=" + query);
    }

    @Override
    public String beta(String query) throws IOException {
      return tracedGet("/search/beta?q=" + query);
    }

    @Override
    public String gamma(String query) throws IOException {
      return tracedGet("/search/gamma?q=" + query);
    }
  }

  @SuppressWarnings("try") // the scope is there for its close()
  private String tracedGet(String path) throws IOException {
    Span span = tracer.spanBuilder("GET " + path).setSpanKind(SpanKind.CLIENT).startSpan();
    try (Scope scope = span.makeCurrent()) {
      LEAVES.info("GET {}", path);
      Map<String, String> headers = new HashMap<>();
      String requestId = MDC.get(REQUEST_ID);
      if (requestId != null) {
        headers.put("X-Request-Id", requestId);
      }
      W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
      return client.fetch(path, headers);
    } finally {
      span.end();
    }
  }

  @RepeatedTest(5)
  void theCallersRequestIdReachesEveryLeafsLogLinesAndTheBackend() throws Exception {
    List<String> ids = IntStream.range(0, 24).mapToObj(i -> "t" + i).collect(Collectors.toList());
    MDC.put(REQUEST_ID, "req-1");
    new TracedThumbnails().fetchThumbnails(ids); // concurrency 4: reused threads on JDK 17
    MDC.put(REQUEST_ID, "req-2");
    new TracedThumbnails().fetchThumbnails(ids);

    List<ILoggingEvent> lines = new ArrayList<>(logLines.list);
    assertEquals(48, lines.size());
    for (int i = 0; i < lines.size(); i++) {
      ILoggingEvent line = lines.get(i);
      assertTrue(line.getThreadName().startsWith("fanout-"), line.getThreadName());
      String expected = i < 24 ? "req-1" : "req-2"; // the calls run one after the other
      assertEquals(expected, line.getMDCPropertyMap().get(REQUEST_ID), line.toString());
    }
    assertEquals(24, Collections.frequency(requestIdsAtBackend, "req-1"));
    assertEquals(24, Collections.frequency(requestIdsAtBackend, "req-2"));
    assertEquals("req-2", MDC.get(REQUEST_ID), "the caller's own MDC is left as it was");
  }

  @SuppressWarnings("try") // the resource is there for its close()
  @Test
  void everyLeafsClientSpanIsAChildOfTheCallersSpanAndTheBackendSeesTheTrace() throws Exception {
    Span request = tracer.spanBuilder("GET /gallery").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope scope = request.makeCurrent()) {
      new TracedThumbnails().fetchThumbnails(List.of("a", "b", "c", "d", "e", "f"));
      new TracedSearch().search("fanout"); // ANY over three leaves
    } finally {
      request.end();
    }
    String traceId = request.getSpanContext().getTraceId();
    String parentId = request.getSpanContext().getSpanId();
    List<SpanData> clientSpans =
        spans.getFinishedSpanItems().stream()
            .filter(span -> span.getKind() == SpanKind.CLIENT)
            .collect(Collectors.toList());
    assertTrue(clientSpans.size() >= 7, "6 thumbnails and at least one search: " + clientSpans);
    for (SpanData span : clientSpans) {
      assertEquals(traceId, span.getTraceId(), span.getName());
      assertEquals(parentId, span.getParentSpanId(), span.getName());
    }
    assertFalse(traceparentsAtBackend.isEmpty());
    for (String traceparent : traceparentsAtBackend) {
      assertTrue(traceparent.contains(traceId), traceparent); // 00-<trace id>-<span id>-01
    }
  }

  @SuppressWarnings("try") // the resource is there for its close()
  @Test
  void afterEachLeafItsThreadCarriesNothingOfTheCaller() throws Exception {
    Queue<String> leftOnChildThreads = new ConcurrentLinkedQueue<>();
    // settled() runs on the task's thread right after the task and its context were closed.
    GroupObserver inspector =
        new GroupObserver() {
          @Override
          public void settled(
              int index, Subtask.State outcome, Throwable exception, Object startToken) {
            if (MDC.getCopyOfContextMap() != null && !MDC.getCopyOfContextMap().isEmpty()) {
              leftOnChildThreads.add("MDC " + MDC.getCopyOfContextMap());
            }
            if (Span.current().getSpanContext().isValid()) {
              leftOnChildThreads.add("span " + Span.current());
            }
          }
        };
    Span request = tracer.spanBuilder("GET /gallery").startSpan();
    MDC.put(REQUEST_ID, "req-3");
    List<String> results;
    try (Registration registration = TaskGroupListeners.register(group -> inspector);
        Scope scope = request.makeCurrent()) {
      results = new TracedThumbnails().fetchThumbnails(List.of("a", "b", "c", "d", "e", "f", "g"));
      assertEquals(request, Span.current(), "the caller's span is still current");
    } finally {
      request.end();
    }
    assertEquals(7, results.size());
    assertEquals(List.of(), new ArrayList<>(leftOnChildThreads));
    assertEquals("req-3", MDC.get(REQUEST_ID));
  }

  @Test
  void groupsOfGeneratedMethodsShowUpInMicrometerByTheirMethodsName() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (FanoutMetrics metrics = new FanoutMetrics()) {
      metrics.bindTo(registry);
      new TracedThumbnails().fetchThumbnails(List.of("a", "b", "c"));
    }
    assertEquals(
        3.0,
        registry.get("fanout.group.tasks")
            .tags("group", "ThumbnailService.fetchThumbnails", "outcome", "succeeded")
            .counter()
            .count());
    assertEquals(
        1, registry.get("fanout.group.duration").tag("group", "ThumbnailService.fetchThumbnails")
            .timer().count());
    assertNull(registry.find("fanout.group.tasks").tag("group", "unnamed").counter());
  }
}
