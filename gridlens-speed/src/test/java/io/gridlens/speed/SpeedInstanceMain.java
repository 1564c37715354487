package io.gridlens.speed;

import io.gridlens.serving.RocksDbViewStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * One speed layer instance in a JVM of its own, for the crash test (it is killed with SIGKILL):
 * {@code <bootstrap> <application id> <state dir> <views dir> <meter count>}. Prints {@code
 * RUNNING} once its tasks run, then runs until killed.
 */
public final class SpeedInstanceMain {

  private SpeedInstanceMain() {}

  public static void main(String[] args) throws InterruptedException {
    RocksDbViewStore views = RocksDbViewStore.open(Path.of(args[3]));
    SpeedConfig cfg =
        SpeedConfig.embedded(Path.of(args[2]), args[0])
            .withApplicationId(args[1])
            .withRebaseInterval(Duration.ofMillis(200))
            .withStreamsOverrides(Map.of("consumer.session.timeout.ms", "6000"));
    SpeedLayer layer =
        SpeedLayer.create(
            cfg,
            SpeedFixtures.reference(ReadingStream.meters(Integer.parseInt(args[4]))),
            views,
            Clock.systemUTC());
    layer.start();
    layer.awaitRunning(Duration.ofSeconds(60));
    System.out.println("RUNNING");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
