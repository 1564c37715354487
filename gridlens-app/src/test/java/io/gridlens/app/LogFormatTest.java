package io.gridlens.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  /** The JSON configuration writes one object a line with the formatted message. */
  @Test
  void shouldWriteOneJsonObjectALineWithTheFormattedMessage() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogFormatTest.class.getResource("/logback-json.xml"));
    ch.qos.logback.classic.Logger root = context.getLogger("ROOT");
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
        (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
            root.getAppender("console");
    ch.qos.logback.classic.Logger logger = context.getLogger("io.gridlens.app.Demo");
    LoggingEvent event =
        new LoggingEvent(
            "x",
            logger,
            Level.INFO,
            "batch run {} published version {}",
            null,
            new Object[] {3, 4});

    String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("\n").doesNotContain("\n{");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("loggerName").asText()).isEqualTo("io.gridlens.app.Demo");
    assertThat(json.path("formattedMessage").asText()).isEqualTo("batch run 3 published version 4");
    assertThat(context.getLogger("io.gridlens").getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    context.stop();
  }

  @Test
  void shouldSelectTheJsonConfigurationUnlessOneIsGiven() {
    String before = System.getProperty("logback.configurationFile");
    try {
      System.clearProperty("logback.configurationFile");
      Gridlens.selectLogFormat("text");
      assertThat(System.getProperty("logback.configurationFile")).isNull();
      Gridlens.selectLogFormat("JSON");
      assertThat(System.getProperty("logback.configurationFile")).isEqualTo("logback-json.xml");
      System.setProperty("logback.configurationFile", "/etc/gridlens/logback.xml");
      Gridlens.selectLogFormat("json");
      assertThat(System.getProperty("logback.configurationFile"))
          .isEqualTo("/etc/gridlens/logback.xml");
    } finally {
      if (before == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", before);
      }
    }
  }

  @Test
  void shouldRejectAnUnknownLogFormatNamingTheVariable() {
    assertThatThrownBy(() -> Gridlens.selectLogFormat("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GRIDLENS_LOG_FORMAT must be text or json, was 'xml'");
  }
}
