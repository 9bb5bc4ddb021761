package com.example.app;

import java.util.List;

/** Runs the generated fan-out and checks that each leaf ran on a child thread of its group. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    List<String> greetings = new Greetings().greetAll(List.of("Ada", "Grace", "Barbara"));
    greetings.forEach(System.out::println);
    boolean fannedOut =
        greetings.size() == 3
            && greetings.stream().allMatch(g -> g.contains("(from fanout-GreetingService.greetAll"));
    System.out.println(fannedOut ? "FANOUT-README-CHECK-OK" : "FANOUT-README-CHECK-FAILED");
    if (!fannedOut) {
      System.exit(1);
    }
  }
}
