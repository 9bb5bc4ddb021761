package dev.fanout.it.services;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Fan-out over elements with ALL: lists, maps, progress, a concurrency limit. */
public interface ThumbnailService {
  String fetchThumbnail(String id) throws IOException;

  @FanOut(concurrency = 4, using = "fetchThumbnail")
  List<String> fetchThumbnails(List<String> ids) throws IOException;

  @FanOut(concurrency = 4, using = "fetchThumbnail")
  Map<String, String> thumbnailsById(List<String> ids) throws IOException;

  @FanOut(concurrency = 2, using = "fetchThumbnail")
  List<String> fetchThumbnailsWithProgress(List<String> ids, Consumer<? super String> onEach)
      throws IOException;
}
