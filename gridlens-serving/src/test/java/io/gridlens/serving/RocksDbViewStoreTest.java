package io.gridlens.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.view.ViewStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view store contract on RocksDB, plus what is RocksDB's own. */
class RocksDbViewStoreTest extends ViewStoreContractTest {

  @TempDir Path tmp;

  @Override
  protected ViewStore openEmpty() {
    return RocksDbViewStore.open(tmp.resolve("views"));
  }

  @Override
  protected ViewStore reopen() {
    return RocksDbViewStore.open(tmp.resolve("views"));
  }

  @Test
  void shouldRefuseASecondStoreOnTheSameDirectory() {
    assertThatThrownBy(() -> RocksDbViewStore.open(tmp.resolve("views")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(tmp.resolve("views").toString())
        .hasMessageContaining("another Gridlens process");
  }

  @Test
  void shouldCreateItsDirectory() {
    assertThat(((RocksDbViewStore) store).directory()).isDirectory();
  }
}
