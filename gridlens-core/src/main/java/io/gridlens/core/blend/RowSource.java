package io.gridlens.core.blend;

/** The view a blended day was read from. */
public enum RowSource {
  /** The pinned batch version. */
  BATCH,
  /** The speed view: it holds readings at or after the pinned cut. */
  SPEED
}
