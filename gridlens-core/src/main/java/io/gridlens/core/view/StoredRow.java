package io.gridlens.core.view;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a view store as bytes: the {@link io.gridlens.core.codec.MeterDayKeyCodec sort key} of
 * a meter-day and its encoded {@link ViewRow}.
 *
 * <p>The arrays are not copied (rows are handed over in bulk); neither side may change them after
 * handing them over. Equality compares contents.
 *
 * @param key the sort key
 * @param value the encoded row ({@link ViewRowCodec})
 */
public record StoredRow(byte[] key, byte[] value) {

  public StoredRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.length == 0) {
      throw new IllegalArgumentException("a stored row's key must not be empty");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredRow r && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "StoredRow[key " + key.length + " B, value " + value.length + " B]";
  }
}
