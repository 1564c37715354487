package io.gridlens.formats;

import io.gridlens.core.Reading;
import io.gridlens.core.testkit.TestFixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test kit of this module: shared fixtures and small read helpers. */
final class Fixtures {

  private Fixtures() {}

  /** A file of ../shared/fixtures. */
  static Path fixture(String relative) {
    return TestFixtures.shared(relative);
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
