package dev.fanout.examples;

import dev.fanout.annotation.FanOut;
import dev.fanout.annotation.Strategy;
import java.io.IOException;
import java.util.List;

/** A hedged request: ask every replica, keep the first answer, cancel the rest. */
public interface CatalogService {
  String product(int replica, long id) throws IOException;

  @FanOut(strategy = Strategy.RACE)
  String product(List<Integer> replicas, long id) throws IOException;
}
