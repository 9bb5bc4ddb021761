package test;

import dev.fanout.annotation.FanOut;
import dev.fanout.annotation.Strategy;
import java.io.IOException;
import java.util.List;

public interface ThumbnailService {
  record Thumbnail(String id, String url) {}

  Thumbnail fetchThumbnail(String id) throws IOException;

  @FanOut(strategy = Strategy.ALL, concurrency = 8, timeout = "5s", using = "fetchThumbnail")
  List<Thumbnail> fetchThumbnails(List<String> ids) throws IOException;
}
