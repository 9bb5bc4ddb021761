package dev.fanout.it.services;

import dev.fanout.annotation.FanOut;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Timeouts: the checked TimeoutException when declared, the runtime's unchecked one otherwise. */
public interface SlowService {
  String slow(String id) throws IOException;

  @FanOut(timeout = "100ms", using = "slow")
  List<String> slowAll(List<String> ids) throws IOException, TimeoutException;

  @FanOut(timeout = "100ms", using = "slow")
  List<String> slowAllUnchecked(List<String> ids) throws IOException;

  @FanOut(timeout = "100ms", using = "slow")
  List<String> slowWithProgress(List<String> ids, Consumer<String> onEach)
      throws IOException, TimeoutException;
}
