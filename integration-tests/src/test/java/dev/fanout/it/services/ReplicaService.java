package dev.fanout.it.services;

import dev.fanout.annotation.FanOut;
import dev.fanout.annotation.Strategy;
import java.io.IOException;
import java.util.List;

/** Hedged reads: RACE over replicas; InterruptedException is part of the contract. */
public interface ReplicaService {
  /** A replica, named by the path prefix it serves. */
  record Replica(String path) {}

  String product(Replica replica, long id) throws IOException, InterruptedException;

  @FanOut(strategy = Strategy.RACE)
  String product(List<Replica> replicas, long id) throws IOException, InterruptedException;
}
