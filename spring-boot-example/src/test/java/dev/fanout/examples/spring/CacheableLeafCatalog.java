package dev.fanout.examples.spring;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.web.client.RestClient;

/**
 * THE WRONG WAY, kept in test code to prove why the main code does not do it: {@code @Cacheable}
 * on a leaf of the generated class.
 *
 * <p>Spring does wrap this bean in a caching proxy, and a direct call of {@link #product(long)}
 * through it is cached. But the generated {@code products(ids)} runs on the target object and calls
 * {@code product(id)} on {@code this}, past the proxy, so a fan-out never consults the cache. The
 * same holds for {@code @Transactional}, {@code @Retryable} and every other proxy-based annotation.
 * The right way is {@link HttpCatalogService}: the leaf delegates to a cached bean of its own.
 */
class CacheableLeafCatalog extends CatalogServiceFanOut {
  private final RestClient backend;

  CacheableLeafCatalog(RestClient backend) {
    this.backend = backend;
  }

  @Override
  @Cacheable("products-cached-on-the-leaf")
  public Product product(long id) {
    return backend.get().uri("/products/{id}", id).retrieve().body(Product.class);
  }
}
