package dev.fanout.it.services;

import dev.fanout.annotation.FanOut;
import dev.fanout.annotation.Strategy;
import java.io.IOException;

/** First answer over several leaves: ANY skips a failing provider. */
public interface SearchService {
  String alpha(String query) throws IOException;

  String beta(String query) throws IOException;

  String gamma(String query) throws IOException;

  @FanOut(strategy = Strategy.ANY, using = {"alpha", "beta", "gamma"})
  String search(String query) throws IOException;
}
