package dev.fanout.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.TaskGroup;
import dev.fanout.examples.spring.CatalogBackend.Call;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /products} over real HTTP, against a real backend on 127.0.0.1: the generated fan-out
 * runs inside Spring MVC, concurrently, in input order, and the request's MDC reaches every leaf
 * on its child thread.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Timeout(60) // a broken fan-out fails the bounded waits in CatalogBackend long before this
class ProductsEndpointTest {
  private static final CatalogBackend BACKEND = CatalogBackend.start();
  private static final ParameterizedTypeReference<List<Product>> PRODUCTS =
      new ParameterizedTypeReference<>() {};

  @DynamicPropertySource
  static void backendUrl(DynamicPropertyRegistry registry) {
    registry.add("catalog.backend-url", BACKEND::url);
  }

  @AfterAll
  static void stopBackend() {
    BACKEND.close();
  }

  @LocalServerPort int port;
  @Autowired RestClient.Builder clients;
  @Autowired CacheManager caches;

  private RestClient app;

  @BeforeEach
  void setUp() {
    BACKEND.reset();
    // ProductClient caches products: every test starts from an empty cache so the backend sees all.
    caches.getCacheNames().forEach(name -> caches.getCache(name).clear());
    app = clients.baseUrl("http://127.0.0.1:" + port).build();
  }

  @RepeatedTest(5)
  void answersInInputOrderWithEightBackendCallsInFlightAtOnce() {
    BACKEND.answerInGroupsOf(8); // concurrency = 8 on the @FanOut method
    List<Long> ids = LongStream.rangeClosed(1, 16).map(i -> 17 - i).boxed().toList();

    List<Product> products = get(ids, "req-order").getBody();

    assertThat(products)
        .containsExactlyElementsOf(
            ids.stream().map(id -> new Product(id, "product " + id)).toList());
    assertThat(BACKEND.calls()).hasSize(16);
    // At least 8, or the calls could not have answered; at most 8, the method's concurrency.
    assertThat(BACKEND.maxInFlight()).isEqualTo(8);
  }

  @RepeatedTest(5)
  void everyBackendCallCarriesItsOwnCallersRequestIdWhileTwoRequestsFanOutTogether()
      throws InterruptedException {
    BACKEND.answerInGroupsOf(16); // both requests' eight calls at once, on 16 child threads
    List<Long> alphaIds = LongStream.rangeClosed(1, 8).boxed().toList();
    List<Long> betaIds = LongStream.rangeClosed(101, 108).boxed().toList();

    // Each caller's result is the request id the app echoed: a String, which Fanout's compile-time
    // check accepts as Sendable (a ResponseEntity is not: a subclass could add mutable state).
    try (TaskGroup<String> callers = TaskGroup.open()) {
      callers.spawn(() -> echoedRequestId(get(alphaIds, "req-alpha")));
      callers.spawn(() -> echoedRequestId(get(betaIds, "req-beta")));
      assertThat(callers.all()).containsExactly("req-alpha", "req-beta");
    }

    List<Call> calls = BACKEND.calls();
    assertThat(calls).hasSize(16);
    assertThat(calls)
        .allSatisfy(
            call ->
                assertThat(call.requestId())
                    .as("request id of the call for product %d", call.productId())
                    .isEqualTo(call.productId() < 100 ? "req-alpha" : "req-beta"));
  }

  @Test
  void aRequestWithoutAnIdGetsANewOneThatEveryBackendCallCarries() {
    ResponseEntity<List<Product>> response =
        app.get().uri("/products?ids=4,5,6").retrieve().toEntity(PRODUCTS);

    String requestId = echoedRequestId(response);
    assertThat(UUID.fromString(requestId)).isNotNull();
    assertThat(BACKEND.calls()).extracting(Call::requestId).containsOnly(requestId).hasSize(3);
  }

  private static String echoedRequestId(ResponseEntity<?> response) {
    return response.getHeaders().getFirst(RequestIdFilter.HEADER);
  }

  private ResponseEntity<List<Product>> get(List<Long> ids, String requestId) {
    String joined = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    return app.get()
        .uri("/products?ids={ids}", joined)
        .header(RequestIdFilter.HEADER, requestId)
        .retrieve()
        .toEntity(PRODUCTS);
  }
}
