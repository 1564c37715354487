package io.gridlens.core.codec;

/**
 * A record that cannot be decoded: truncated, corrupt, or written in a format version this build
 * does not read.
 *
 * <p>The message names the offset (from the start of the record) and what was expected there, so a
 * bad row can be found with a hex dump.
 */
public final class CodecException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * A decoding failure.
   *
   * @param offset byte offset from the start of the record where decoding failed
   * @param message what was expected there and what was found
   */
  public CodecException(int offset, String message) {
    super(message);
    this.offset = offset;
  }

  /**
   * A decoding failure caused by a value the domain model rejected.
   *
   * @param offset byte offset from the start of the record where decoding failed
   * @param message what was expected there and what was found
   * @param cause the domain model's rejection
   */
  public CodecException(int offset, String message, Throwable cause) {
    super(message, cause);
    this.offset = offset;
  }

  /** The byte offset from the start of the record where decoding failed. */
  public int offset() {
    return offset;
  }
}
