package dev.fanout.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * The catalog service. Caching is on for {@code ProductClient}, which caches each product the
 * fan-out loads; the backend's address is {@code catalog.backend-url}.
 */
@SpringBootApplication
@EnableCaching
public class CatalogApplication {
  /** Starts the service; {@code --catalog.backend-url=http://...} points it at a backend. */
  public static void main(String[] args) {
    SpringApplication.run(CatalogApplication.class, args);
  }
}
