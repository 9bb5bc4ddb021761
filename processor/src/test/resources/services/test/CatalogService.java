package test;

import dev.fanout.annotation.Each;
import dev.fanout.annotation.FanOut;
import dev.fanout.annotation.Strategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

public interface CatalogService {
  record Replica(String host) {}

  record Product(long id, String name) {}

  record Price(String sku, long cents) {}

  record SearchResult(String provider, List<String> hits) {}

  Product product(Replica replica, long id) throws IOException;

  /** Hedged read: every replica is asked, the first to answer wins. */
  @FanOut(strategy = Strategy.RACE)
  Product product(List<Replica> replicas, long id) throws IOException;

  SearchResult searchAlpha(String query) throws IOException;

  SearchResult searchBeta(String query) throws IOException, TimeoutException;

  @FanOut(strategy = Strategy.ANY, using = {"searchAlpha", "searchBeta"}, timeout = "250ms")
  SearchResult search(String query) throws IOException, TimeoutException, InterruptedException;

  Price price(String sku);

  @FanOut(concurrency = 4, using = "price")
  Map<String, Price> prices(Set<String> skus);

  @FanOut(using = "price")
  Set<Price> distinctPrices(String... skus);

  void upload(Path file, List<String> tags) throws IOException;

  @FanOut(concurrency = 50, using = "upload")
  void uploadAll(@Each List<Path> files, List<String> tags) throws IOException;

  @FanOut(using = "price")
  List<Price> pricesAsTheyArrive(List<String> skus, Consumer<? super Price> onPrice);
}
