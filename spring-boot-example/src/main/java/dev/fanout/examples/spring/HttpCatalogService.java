package dev.fanout.examples.spring;

import org.springframework.stereotype.Component;

/**
 * The catalog as a Spring bean: the generated class does the fan-out, this class adds the leaf.
 *
 * <p>The leaf delegates to {@link ProductClient} rather than carrying {@code @Cacheable} itself.
 * The generated {@code products(ids)} calls {@code product(id)} on {@code this}, never through the
 * Spring proxy around this bean, so a {@code @Cacheable} or {@code @Transactional} on the leaf
 * would be silently ignored. A call into another bean goes through that bean's proxy.
 */
@Component
class HttpCatalogService extends CatalogServiceFanOut {
  private final ProductClient client;

  HttpCatalogService(ProductClient client) {
    this.client = client;
  }

  /** Runs on a child thread of the fan-out, with the request's MDC (fanout-slf4j). */
  @Override
  public Product product(long id) {
    return client.product(id);
  }
}
