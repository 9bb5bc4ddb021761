package dev.fanout.examples;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.List;

/** A profile assembled from three services: one child per record component. */
public interface ProfileService {
  /** What the profile page shows. */
  record Profile(String user, List<String> orders, String review) {}

  String user(long id) throws IOException;

  List<String> orders(long id) throws IOException;

  String review(long id) throws IOException;

  @FanOut
  Profile profile(long id) throws IOException;
}
