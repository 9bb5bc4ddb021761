package test;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.List;

public interface ProfileService {
  record User(long id, String name) {}

  record Order(String number) {}

  record UserProfile(User user, List<Order> orders, int reviewCount) {}

  User user(long id) throws IOException;

  List<Order> orders(long id) throws IOException;

  int reviewCount(long id);

  @FanOut
  UserProfile profile(long id) throws IOException;
}
