package io.gridlens.core.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find the repository and the shared third-party fixtures ({@code
 * ../shared/fixtures} beside the repository root).
 */
public final class TestFixtures {

  private TestFixtures() {}

  /**
   * The repository root: the system property {@code gridlens.root} set by Surefire, else the first
   * folder above the working directory whose {@code pom.xml} is the gridlens parent.
   */
  public static Path root() {
    String prop = System.getProperty("gridlens.root");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      try {
        if (Files.exists(pom)
            && Files.readString(pom).contains("<artifactId>gridlens-parent</artifactId>")
            && !Files.readString(pom).contains("<parent>")) {
          return p;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + pom, e);
      }
    }
    throw new IllegalStateException(
        "no gridlens-parent pom.xml above " + Path.of("").toAbsolutePath());
  }

  /**
   * A file or folder of {@code ../shared/fixtures}, e.g. {@code shared("eemeter/metadata.json")}.
   */
  public static Path shared(String relative) {
    return root().resolve("../shared/fixtures").resolve(relative).normalize();
  }
}
