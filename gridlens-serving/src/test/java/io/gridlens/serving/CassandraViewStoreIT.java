package io.gridlens.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.gridlens.core.view.ViewStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view store contract on a REAL Cassandra 5.0 server, started once for the class as a child JVM
 * ({@link CassandraServer}). Runs under Failsafe ({@code mvn verify}).
 */
class CassandraViewStoreIT extends ViewStoreContractTest {

  private static final String KEYSPACE = "gridlens_it";

  private static Path home;
  private static CassandraServer server;
  private static CqlSession admin;

  @BeforeAll
  static void startServer() throws Exception {
    home = Files.createTempDirectory("gridlens-cassandra");
    server = CassandraServer.start(home, Duration.ofSeconds(120));
    admin = connect();
    admin.execute(
        "CREATE KEYSPACE IF NOT EXISTS "
            + KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
  }

  @AfterAll
  static void stopServer() throws java.io.IOException {
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.close();
    }
    if (home != null) {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  static CqlSession connect() {
    return CqlSession.builder()
        .addContactPoint(server.contactPoint())
        .withLocalDatacenter("datacenter1")
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(
                    DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .build())
        .build();
  }

  @Override
  protected ViewStore openEmpty() {
    ViewStore store = CassandraViewStore.open(admin, KEYSPACE, false);
    for (String table :
        new String[] {
          "batch_days", "batch_summaries", "speed_days", "view_registry", "speed_progress"
        }) {
      admin.execute("TRUNCATE " + KEYSPACE + "." + table);
    }
    return store;
  }

  @Override
  protected ViewStore reopen() {
    return CassandraViewStore.open(connect(), KEYSPACE, true);
  }

  @Test
  void shouldCreateItsTablesFromTheDocumentedSchema() {
    assertThat(CassandraViewStore.schema("ks"))
        .hasSize(5)
        .allSatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS ks."));
    var keyspace = admin.getMetadata().getKeyspace(KEYSPACE).orElseThrow();
    for (String table :
        new String[] {
          "batch_days", "batch_summaries", "speed_days", "view_registry", "speed_progress"
        }) {
      assertThat(keyspace.getTable(table)).as(table).isPresent();
    }
  }
}
