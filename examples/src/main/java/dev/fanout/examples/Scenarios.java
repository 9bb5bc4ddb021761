package dev.fanout.examples;

import dev.fanout.Subtask;
import dev.fanout.TaskGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** The four seed scenarios, written against {@link TaskGroup} by hand. */
final class Scenarios {
  /** A fetched thumbnail. */
  record Thumbnail(String id, int bytes) {}

  /** A profile assembled from three services. */
  record Profile(String user, List<String> orders, String review) {}

  private final DemoClient client;

  Scenarios(DemoClient client) {
    this.client = client;
  }

  Thumbnail fetchThumbnail(String id) throws IOException, InterruptedException {
    return new Thumbnail(id, client.get("/thumbnails/" + id).length());
  }

  /** One at a time: what the code looks like before fanning out. */
  List<Thumbnail> fetchThumbnailsSequentially(List<String> ids, IntConsumer progress)
      throws IOException, InterruptedException {
    List<Thumbnail> thumbnails = new ArrayList<>(ids.size());
    for (String id : ids) {
      thumbnails.add(fetchThumbnail(id));
      progress.accept(thumbnails.size());
    }
    return thumbnails;
  }

  /** At most {@code concurrency} at once, progress reported as each completes, input order kept. */
  List<Thumbnail> fetchThumbnails(List<String> ids, int concurrency, IntConsumer progress)
      throws InterruptedException {
    try (TaskGroup<Thumbnail> group =
        TaskGroup.builder().name("thumbnails").concurrency(concurrency).open()) {
      for (String id : ids) {
        group.spawn(() -> fetchThumbnail(id));
      }
      int done = 0;
      for (Subtask<Thumbnail> completed : group) {
        completed.get(); // rethrows a failure at once
        progress.accept(++done);
      }
      return group.all();
    }
  }

  /** Three services at once, each result typed through its own handle. */
  Profile profile(long userId) throws InterruptedException {
    try (TaskGroup<Object> group = TaskGroup.builder().name("profile").open()) {
      Subtask<String> user = group.spawn(() -> client.get("/users/" + userId));
      Subtask<List<String>> orders =
          group.spawn(() -> List.of(client.get("/orders/" + userId).split(",")));
      Subtask<String> review = group.spawn(() -> client.get("/reviews/" + userId));
      group.all();
      return new Profile(user.get(), orders.get(), review.get());
    }
  }

  /** Ask three replicas, keep the fastest answer, cancel the others. */
  String hedgedProduct(long productId) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.builder().name("replicas").open()) {
      for (int replica = 1; replica <= 3; replica++) {
        String path = "/replicas/" + replica + "/products/" + productId;
        group.spawn(() -> client.get(path));
      }
      return group.race();
    }
  }

  /** Ask every provider, keep the first success; a provider that fails is skipped. */
  String firstAnswer(String query) throws InterruptedException {
    try (TaskGroup<String> group = TaskGroup.builder().name("search").open()) {
      for (String provider : List.of("alpha", "beta", "gamma")) {
        group.spawn(() -> client.get("/search/" + provider + "?q=" + query));
      }
      return group.any();
    }
  }
}
