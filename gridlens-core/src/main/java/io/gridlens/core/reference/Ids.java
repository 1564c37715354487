package io.gridlens.core.reference;

/** Checks of identifiers shared by the reference records. */
final class Ids {

  private Ids() {}

  static void check(String what, String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (id.length() > 128) {
      throw new IllegalArgumentException(
          what + " must be at most 128 characters, was " + id.length());
    }
  }
}
