package io.gridlens.speed;

import io.gridlens.core.vee.VeeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link SpeedLayer} instance runs: its Kafka Streams identity and resources, and the rules
 * it shares with the batch.
 *
 * <p>Every instance of one speed layer has the same {@code applicationId}: Kafka spreads the
 * partitions of {@code readings} over them and restores a moved task's state from its changelog.
 *
 * @param applicationId the Kafka Streams application id (consumer group, prefix of internal topics)
 * @param bootstrapServers {@code host:port[,host:port...]} of the Kafka cluster
 * @param stateDir where this instance keeps its local state stores (under the data directory)
 * @param streamThreads stream threads of this instance, {@code >= 1}
 * @param readingsTopic the {@code readings} topic
 * @param rebaseInterval how often a task looks for a newly published batch
 * @param vee the VEE thresholds: the batch's own, or blending is not exact
 * @param streamsOverrides further Kafka Streams settings (e.g. {@code commit.interval.ms}); the
 *     settings above and the processing guarantee cannot be overridden here
 */
public record SpeedConfig(
    String applicationId,
    String bootstrapServers,
    Path stateDir,
    int streamThreads,
    String readingsTopic,
    Duration rebaseInterval,
    VeeConfig vee,
    Map<String, String> streamsOverrides) {

  /** The application id of the embedded mode. */
  public static final String DEFAULT_APPLICATION_ID = "gridlens-speed";

  public SpeedConfig {
    if (applicationId == null || !applicationId.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new IllegalArgumentException(
          "applicationId must be 1..200 of [a-zA-Z0-9._-], was '" + applicationId + "'");
    }
    if (bootstrapServers == null || !bootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*")) {
      throw new IllegalArgumentException(
          "bootstrapServers must be host:port[,host:port...], was '" + bootstrapServers + "'");
    }
    Objects.requireNonNull(stateDir, "stateDir");
    if (streamThreads < 1 || streamThreads > 64) {
      throw new IllegalArgumentException("streamThreads must be in 1..64, was " + streamThreads);
    }
    if (readingsTopic == null || !readingsTopic.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException(
          "readingsTopic must be 1..249 of [a-zA-Z0-9._-], was '" + readingsTopic + "'");
    }
    if (rebaseInterval == null || rebaseInterval.isNegative() || rebaseInterval.isZero()) {
      throw new IllegalArgumentException(
          "rebaseInterval must be positive (e.g. PT1S), was " + rebaseInterval);
    }
    Objects.requireNonNull(vee, "vee");
    streamsOverrides = Map.copyOf(Objects.requireNonNull(streamsOverrides, "streamsOverrides"));
  }

  /**
   * The embedded mode's settings: application {@value #DEFAULT_APPLICATION_ID}, state under {@code
   * <dataDir>/speed}, one stream thread, topic {@code readings}, rebase check every second, default
   * VEE thresholds.
   */
  public static SpeedConfig embedded(Path dataDir, String bootstrapServers) {
    return new SpeedConfig(
        DEFAULT_APPLICATION_ID,
        bootstrapServers,
        dataDir.resolve("speed"),
        1,
        "readings",
        Duration.ofSeconds(1),
        VeeConfig.DEFAULTS,
        Map.of());
  }

  public SpeedConfig withApplicationId(String id) {
    return new SpeedConfig(
        id,
        bootstrapServers,
        stateDir,
        streamThreads,
        readingsTopic,
        rebaseInterval,
        vee,
        streamsOverrides);
  }

  public SpeedConfig withStateDir(Path dir) {
    return new SpeedConfig(
        applicationId,
        bootstrapServers,
        dir,
        streamThreads,
        readingsTopic,
        rebaseInterval,
        vee,
        streamsOverrides);
  }

  public SpeedConfig withStreamThreads(int threads) {
    return new SpeedConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        threads,
        readingsTopic,
        rebaseInterval,
        vee,
        streamsOverrides);
  }

  public SpeedConfig withReadingsTopic(String topic) {
    return new SpeedConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        streamThreads,
        topic,
        rebaseInterval,
        vee,
        streamsOverrides);
  }

  public SpeedConfig withRebaseInterval(Duration interval) {
    return new SpeedConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        streamThreads,
        readingsTopic,
        interval,
        vee,
        streamsOverrides);
  }

  public SpeedConfig withVee(VeeConfig config) {
    return new SpeedConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        streamThreads,
        readingsTopic,
        rebaseInterval,
        config,
        streamsOverrides);
  }

  public SpeedConfig withStreamsOverrides(Map<String, String> overrides) {
    return new SpeedConfig(
        applicationId,
        bootstrapServers,
        stateDir,
        streamThreads,
        readingsTopic,
        rebaseInterval,
        vee,
        overrides);
  }
}
