package io.gridlens.core.reference;

/** A version of reference data that is in force for a {@link Validity}. */
public interface EffectiveDated {

  /** The dates this version is in force. */
  Validity validity();
}
