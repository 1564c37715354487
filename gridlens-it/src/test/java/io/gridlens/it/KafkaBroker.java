package io.gridlens.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4.4 broker in a JVM of its own, from the Kafka artifacts the build resolves (the
 * file {@code gridlens-it/target/kafka.classpath}): one KRaft node in combined mode, its storage
 * formatted with {@code kafka-storage format --standalone} first, then {@code kafka.Kafka
 * server.properties}, with the single-node settings of ../shared/ENGINES.md (internal topics with
 * one replica, or consumer groups silently read nothing).
 */
final class KafkaBroker implements AutoCloseable {

  private final ChildJvm jvm;
  private final int port;

  private KafkaBroker(ChildJvm jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  /** Formats the storage under {@code home} and starts the broker; returns once it is started. */
  static KafkaBroker start(Path home, Path logs) throws IOException, InterruptedException {
    String cp =
        Files.readString(
                ChildJvm.requiredFile(
                    "gridlens.kafka.classpath",
                    "run the build through Maven (mvn verify), which resolves it"),
                StandardCharsets.UTF_8)
            .strip();
    int port = ChildJvm.freePort();
    int controllerPort = ChildJvm.freePort();
    Files.createDirectories(home);
    Path props = home.resolve("server.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
            "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
            "advertised.listeners=PLAINTEXT://localhost:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + home.resolve("log").toAbsolutePath(),
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=4",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            // Readings carry their ingest time: keep the log whatever the clock says.
            "log.retention.ms=-1",
            ""));
    // The classpath's SLF4J binding is logback (gridlens-app's): at info, as the broker logs
    // anyway.
    Path logback = home.resolve("logback.xml");
    Files.writeString(
        logback,
        "<configuration><appender name=\"O\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d{HH:mm:ss.SSS} [%level] %logger{0} - %msg%n</pattern></encoder>"
            + "</appender><root level=\"INFO\"><appender-ref ref=\"O\"/></root></configuration>");
    List<String> options =
        List.of(
            "-Xms128m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dlogback.configurationFile=" + logback);
    ChildJvm.start(
            new ChildJvm.Spec(
                "kafka-format",
                options,
                cp,
                List.of(
                    "kafka.tools.StorageTool",
                    "format",
                    "--standalone",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    props.toString())),
            logs)
        .awaitSuccess(Duration.ofMinutes(1));
    ChildJvm jvm =
        ChildJvm.start(
            new ChildJvm.Spec("kafka", options, cp, List.of("kafka.Kafka", props.toString())),
            logs);
    KafkaBroker broker = new KafkaBroker(jvm, port);
    try {
      jvm.awaitPort(port, Duration.ofMinutes(2));
    } catch (RuntimeException | InterruptedException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  ChildJvm jvm() {
    return jvm;
  }

  @Override
  public void close() {
    jvm.close();
  }
}
