package dev.fanout.examples;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/** Thumbnails: one leaf call per id, 16 at a time, progress as each arrives. */
public interface ThumbnailService {
  /** A fetched thumbnail. */
  record Thumbnail(String id, int bytes) {}

  Thumbnail fetchThumbnail(String id) throws IOException;

  @FanOut(concurrency = 16, using = "fetchThumbnail")
  List<Thumbnail> fetchThumbnails(List<String> ids, Consumer<? super Thumbnail> onEach)
      throws IOException;
}
