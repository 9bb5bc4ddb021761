package dev.fanout.examples.spring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The HTTP client for the product backend at {@code catalog.backend-url}. */
@Configuration(proxyBeanMethods = false)
class CatalogBackendConfiguration {
  /**
   * Built from Boot's {@link RestClient.Builder}, which brings the configured message converters
   * (Jackson) and HTTP client. A {@link RestClient} is thread-safe: every child of a fan-out shares
   * this one.
   */
  @Bean
  RestClient catalogBackend(
      RestClient.Builder builder, @Value("${catalog.backend-url}") String backendUrl) {
    return builder.baseUrl(backendUrl).build();
  }
}
