package io.gridlens.formats;

import io.gridlens.core.Reading;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test kit of this module: shared fixtures and small read helpers. */
final class Fixtures {

  private Fixtures() {}

  /** The repository root: {@code gridlens.root} under Surefire, else found from the user dir. */
  static Path root() {
    String prop = System.getProperty("gridlens.root");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null) {
      Path pom = dir.resolve("pom.xml");
      try {
        if (Files.exists(pom)
            && Files.readString(pom).contains("<artifactId>gridlens-parent</artifactId>")) {
          return dir;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("cannot find the gridlens repository root");
  }

  /** A file of ../shared/fixtures. */
  static Path fixture(String relative) {
    return root().resolve("../shared/fixtures").resolve(relative).normalize();
  }

  static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Every reading of an input, failing at the first bad record. */
  static List<Reading> readAll(ReadingFormat format, String input) {
    return readAll(format, text(input), ReadOptions.defaults());
  }

  static List<Reading> readAll(ReadingFormat format, InputStream in, ReadOptions options) {
    List<Reading> out = new ArrayList<>();
    try (ReadingReader r = format.open(in, options)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }
}
