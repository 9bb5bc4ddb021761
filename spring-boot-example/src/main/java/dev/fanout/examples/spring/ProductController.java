package dev.fanout.examples.spring;

import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /products?ids=1,2,3}: the products, in the order asked for. */
@RestController
class ProductController {
  private final CatalogService catalog;

  ProductController(CatalogService catalog) {
    this.catalog = catalog;
  }

  /**
   * Loads every product at once through the generated fan-out; answers 500 if one cannot be
   * loaded (the others are cancelled first).
   */
  @GetMapping("/products")
  List<Product> products(@RequestParam List<Long> ids) throws IOException {
    return catalog.products(ids);
  }
}
