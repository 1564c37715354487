package io.gridlens.core.reference;

/** The kind of dwelling a premise is. */
public enum DwellingType {
  HOUSE,
  APARTMENT
}
