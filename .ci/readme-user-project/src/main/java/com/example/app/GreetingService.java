package com.example.app;

import dev.fanout.annotation.FanOut;
import java.util.List;

/** A user's service interface: one leaf, and a fan-out method Fanout generates. */
public interface GreetingService {
  String greet(String name);

  @FanOut(concurrency = 4, using = "greet")
  List<String> greetAll(List<String> names);
}
