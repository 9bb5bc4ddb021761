package dev.fanout.examples;

import dev.fanout.annotation.FanOut;
import dev.fanout.annotation.Strategy;
import java.io.IOException;

/** The first answer from several providers; a provider that fails is skipped. */
public interface SearchService {
  String alpha(String query) throws IOException;

  String beta(String query) throws IOException;

  String gamma(String query) throws IOException;

  @FanOut(strategy = Strategy.ANY, using = {"alpha", "beta", "gamma"}, timeout = "2s")
  String search(String query) throws IOException;
}
