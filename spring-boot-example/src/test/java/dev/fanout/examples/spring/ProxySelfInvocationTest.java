package dev.fanout.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Spring's proxies and generated fan-out methods: a {@code @Cacheable} leaf on the generated
 * class is bypassed, because the fan-out calls the leaf on {@code this}; a cached call in a bean
 * of its own ({@link ProductClient}, what the main code does) works.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Timeout(60)
class ProxySelfInvocationTest {
  private static final CatalogBackend BACKEND = CatalogBackend.start();
  private static final List<Long> IDS = List.of(1L, 2L, 3L);

  @DynamicPropertySource
  static void backendUrl(DynamicPropertyRegistry registry) {
    registry.add("catalog.backend-url", BACKEND::url);
  }

  @AfterAll
  static void stopBackend() {
    BACKEND.close();
  }

  /** Adds the wrong way as a second CatalogService, injected only where asked for by name. */
  @TestConfiguration(proxyBeanMethods = false)
  static class WrongWay {
    @Bean(defaultCandidate = false) // the controller keeps getting HttpCatalogService
    CacheableLeafCatalog cacheableLeafCatalog(RestClient catalogBackend) {
      return new CacheableLeafCatalog(catalogBackend);
    }
  }

  @LocalServerPort int port;
  @Autowired RestClient.Builder clients;
  @Autowired CacheManager caches;

  @Autowired
  @Qualifier("cacheableLeafCatalog")
  CatalogService cacheableLeaf;

  @BeforeEach
  void setUp() {
    BACKEND.reset();
    caches.getCacheNames().forEach(name -> caches.getCache(name).clear());
  }

  @Test
  void aCacheableLeafOnTheGeneratedClassIsBypassedByTheFanOut() throws IOException {
    assertThat(AopUtils.isAopProxy(cacheableLeaf)).as("Spring did proxy the bean").isTrue();

    cacheableLeaf.products(IDS);
    cacheableLeaf.products(IDS);

    assertThat(BACKEND.calls()).as("every product loaded twice: no cache").hasSize(6);

    cacheableLeaf.product(1);
    cacheableLeaf.product(1);

    assertThat(BACKEND.calls()).as("a direct call goes through the proxy: cached").hasSize(7);
  }

  @Test
  void aCacheableBeanThatTheLeafDelegatesToServesTheSecondFanOutFromTheCache() {
    RestClient app = clients.baseUrl("http://127.0.0.1:" + port).build();
    ParameterizedTypeReference<List<Product>> products = new ParameterizedTypeReference<>() {};

    List<Product> first = app.get().uri("/products?ids=1,2,3").retrieve().body(products);
    List<Product> second = app.get().uri("/products?ids=1,2,3").retrieve().body(products);

    assertThat(second).isEqualTo(first).hasSize(3);
    assertThat(BACKEND.calls()).as("loaded once, then from the cache").hasSize(3);
  }
}
