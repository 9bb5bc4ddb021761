package com.example.app;

/** The user's code: the leaf only; {@code greetAll} is generated in GreetingServiceFanOut. */
final class Greetings extends GreetingServiceFanOut {
  @Override
  public String greet(String name) {
    return "Hello, " + name + " (from " + Thread.currentThread().getName() + ")";
  }
}
