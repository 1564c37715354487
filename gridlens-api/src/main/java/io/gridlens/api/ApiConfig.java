package io.gridlens.api;

import java.util.Objects;

/**
 * The settings of the API, declared once with their defaults and checks.
 *
 * @param host the address to bind; {@code 127.0.0.1} by default, because the default authenticator
 *     trusts headers (development only)
 * @param maxDays longest range, in days, of day answers ({@code days}, {@code consumption} by day,
 *     {@code quality}, {@code breakdown}, {@code anomalies}); default 366
 * @param maxIntervalDays longest range of interval answers ({@code granularity=interval}); default
 *     31
 * @param maxMonthDays longest range of month answers ({@code granularity=month}); default 1096
 * @param maxUploadBytes largest ingest upload body, in bytes, as sent (compressed or not); answered
 *     413 above it; default 1 GiB
 * @param deadLetterRing dead letters kept per tenant for {@code /tenants/{t}/deadletters}; default
 *     1000
 */
public record ApiConfig(
    String host,
    int maxDays,
    int maxIntervalDays,
    int maxMonthDays,
    long maxUploadBytes,
    int deadLetterRing) {

  public ApiConfig {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("api host must not be blank; use 127.0.0.1 or 0.0.0.0");
    }
    positive("maxDays", maxDays, 366);
    positive("maxIntervalDays", maxIntervalDays, 31);
    positive("maxMonthDays", maxMonthDays, 1096);
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException(
          "api maxUploadBytes must be >= 1, was " + maxUploadBytes + "; the default is 1 GiB");
    }
    positive("deadLetterRing", deadLetterRing, 1000);
  }

  private static void positive(String name, long value, long dflt) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "api " + name + " must be >= 1, was " + value + "; the default is " + dflt);
    }
  }

  /** Loopback, 366 days, 31 days of intervals, 1096 days of months, 1 GiB uploads, 1000 letters. */
  public static ApiConfig defaults() {
    return new ApiConfig("127.0.0.1", 366, 31, 1096, 1L << 30, 1000);
  }

  /** These settings with another upload limit. */
  public ApiConfig withMaxUploadBytes(long bytes) {
    return new ApiConfig(host, maxDays, maxIntervalDays, maxMonthDays, bytes, deadLetterRing);
  }

  /** These settings with another bind address. */
  public ApiConfig withHost(String h) {
    return new ApiConfig(h, maxDays, maxIntervalDays, maxMonthDays, maxUploadBytes, deadLetterRing);
  }
}
