package dev.fanout.examples.spring;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.List;

/**
 * Products by id. Fanout's processor implements {@link #products(List)} in the generated {@code
 * CatalogServiceFanOut}; an implementation writes only the leaf, {@link #product(long)}.
 */
public interface CatalogService {
  /**
   * One product: the leaf that each child task calls.
   *
   * @throws IOException if the backend cannot be read
   */
  Product product(long id) throws IOException;

  /**
   * Every product, loaded at once, at most 8 backend calls at a time; in the order of {@code
   * ids}. The first failure cancels the calls still running and is thrown as itself.
   *
   * @throws IOException if a leaf throws one
   */
  @FanOut(concurrency = 8, using = "product")
  List<Product> products(List<Long> ids) throws IOException;
}
