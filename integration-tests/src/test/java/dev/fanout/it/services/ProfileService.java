package dev.fanout.it.services;

import dev.fanout.annotation.FanOut;
import java.io.IOException;

/** Fan-out over record components: one child per component. */
public interface ProfileService {
  record Profile(String user, String orders, String reviews) {}

  String user(long id) throws IOException;

  String orders(long id) throws IOException;

  String reviews(long id) throws IOException;

  @FanOut
  Profile profile(long id) throws IOException;
}
