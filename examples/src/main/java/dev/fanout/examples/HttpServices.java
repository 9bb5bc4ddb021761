package dev.fanout.examples;

import java.io.IOException;
import java.util.List;

/**
 * What a user writes: the leaves, over HTTP. Every {@code @FanOut} method comes from the classes
 * the processor generated ({@code ThumbnailServiceFanOut}, ...).
 */
final class HttpServices {
  private HttpServices() {}

  static final class Thumbnails extends ThumbnailServiceFanOut {
    private final DemoClient client;

    Thumbnails(DemoClient client) {
      this.client = client;
    }

    @Override
    public Thumbnail fetchThumbnail(String id) throws IOException {
      return new Thumbnail(id, client.fetch("/thumbnails/" + id).length());
    }
  }

  static final class Profiles extends ProfileServiceFanOut {
    private final DemoClient client;

    Profiles(DemoClient client) {
      this.client = client;
    }

    @Override
    public String user(long id) throws IOException {
      return client.fetch("/users/" + id);
    }

    @Override
    public List<String> orders(long id) throws IOException {
      return List.of(client.fetch("/orders/" + id).split(","));
    }

    @Override
    public String review(long id) throws IOException {
      return client.fetch("/reviews/" + id);
    }
  }

  static final class Catalog extends CatalogServiceFanOut {
    private final DemoClient client;

    Catalog(DemoClient client) {
      this.client = client;
    }

    @Override
    public String product(int replica, long id) throws IOException {
      return client.fetch("/replicas/" + replica + "/products/" + id);
    }
  }

  static final class Search extends SearchServiceFanOut {
    private final DemoClient client;

    Search(DemoClient client) {
      this.client = client;
    }

    @Override
    public String alpha(String query) throws IOException {
      return client.fetch("/search/alpha?q=" + query);
    }

    @Override
    public String beta(String query) throws IOException {
      return client.fetch("/search/beta?q=" + query);
    }

    @Override
    public String gamma(String query) throws IOException {
      return client.fetch("/search/gamma?q=" + query);
    }
  }
}
