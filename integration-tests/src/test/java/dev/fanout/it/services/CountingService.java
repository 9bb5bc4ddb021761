package dev.fanout.it.services;

import dev.fanout.annotation.FanOut;
import java.util.List;

/** No I/O: 10,000 elements under a limit of 50, to watch the lazy limit at scale. */
public interface CountingService {
  int square(int x);

  @FanOut(concurrency = 50, using = "square")
  List<Integer> squares(List<Integer> xs);
}
