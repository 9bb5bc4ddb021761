package dev.fanout.examples.spring;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Reads one product from the backend, cached per id.
 *
 * <p>A bean of its own so that {@link Cacheable} works when the fan-out calls it: the call arrives
 * through this bean's proxy, unlike a call a class makes on itself.
 */
@Component
class ProductClient {
  private static final Logger log = LoggerFactory.getLogger(ProductClient.class);

  private final RestClient backend;

  ProductClient(RestClient catalogBackend) {
    this.backend = catalogBackend;
  }

  /**
   * {@code GET /products/{id}}, forwarding the request id from the MDC so that the backend's logs
   * join the caller's. On a fan-out's child thread the MDC is the request's, carried there by
   * fanout-slf4j.
   *
   * @throws org.springframework.web.client.RestClientException if the backend fails or cannot be
   *     reached
   */
  @Cacheable("products")
  public Product product(long id) {
    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
    log.debug("loading product {}", id); // the log pattern shows the request id here too
    Product product =
        backend
            .get()
            .uri("/products/{id}", id)
            .headers(
                headers -> {
                  if (requestId != null) {
                    headers.set(RequestIdFilter.HEADER, requestId);
                  }
                })
            .retrieve()
            .body(Product.class);
    return Objects.requireNonNull(product, () -> "the backend sent no body for product " + id);
  }
}
