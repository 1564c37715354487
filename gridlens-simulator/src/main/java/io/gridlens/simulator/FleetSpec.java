package io.gridlens.simulator;

import io.gridlens.core.Reading;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What synthetic fleet to simulate: how many meters, over which local days, with what seed and
 * fault rates. Equal specs give identical fleets.
 *
 * @param seed the seed every random draw derives from
 * @param meters number of meters, at least 1
 * @param start first local day simulated
 * @param days number of local days simulated, at least 1
 * @param intervalMinutes reading interval: 5, 10, 15, 30 or 60
 * @param zone time zone of every premise of the fleet
 * @param tenant the retailer every meter belongs to
 * @param faults the fault rates of the delivered stream
 */
public record FleetSpec(
    long seed,
    int meters,
    LocalDate start,
    int days,
    int intervalMinutes,
    ZoneId zone,
    String tenant,
    FaultRates faults) {

  /** Default reading interval in minutes. */
  public static final int DEFAULT_INTERVAL_MINUTES = 30;

  /** Default time zone of the fleet. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

  /** Default tenant of the fleet. */
  public static final String DEFAULT_TENANT = "t1";

  /** Meter ids are this number plus the meter index: 14 digits, like an Enedis PRM. */
  static final long METER_ID_BASE = 25_000_000_000_000L;

  /** The most meters a fleet may have. */
  public static final int MAX_METERS = 100_000_000;

  /** The most days a fleet may span. */
  public static final int MAX_DAYS = 3_660;

  public FleetSpec {
    if (meters < 1 || meters > MAX_METERS) {
      throw new IllegalArgumentException(
          "meters must be in 1.." + MAX_METERS + ", was " + meters + "; pass --meters N");
    }
    Objects.requireNonNull(start, "start");
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException(
          "days must be in 1.." + MAX_DAYS + ", was " + days + "; pass --days D");
    }
    Reading.checkIntervalMinutes(intervalMinutes);
    Objects.requireNonNull(zone, "zone");
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalArgumentException("tenant must not be blank, e.g. \"t1\"");
    }
    Objects.requireNonNull(faults, "faults");
  }

  /** A fleet of half-hourly meters in Europe/Paris, tenant {@code t1}, default fault rates. */
  public static FleetSpec of(long seed, int meters, LocalDate start, int days) {
    return new FleetSpec(
        seed,
        meters,
        start,
        days,
        DEFAULT_INTERVAL_MINUTES,
        DEFAULT_ZONE,
        DEFAULT_TENANT,
        FaultRates.DEFAULT);
  }

  public FleetSpec withMeters(int n) {
    return new FleetSpec(seed, n, start, days, intervalMinutes, zone, tenant, faults);
  }

  public FleetSpec withIntervalMinutes(int minutes) {
    return new FleetSpec(seed, meters, start, days, minutes, zone, tenant, faults);
  }

  public FleetSpec withZone(ZoneId z) {
    return new FleetSpec(seed, meters, start, days, intervalMinutes, z, tenant, faults);
  }

  public FleetSpec withTenant(String t) {
    return new FleetSpec(seed, meters, start, days, intervalMinutes, zone, t, faults);
  }

  public FleetSpec withFaults(FaultRates f) {
    return new FleetSpec(seed, meters, start, days, intervalMinutes, zone, tenant, f);
  }

  /** The first local day after the simulated ones. */
  public LocalDate end() {
    return start.plusDays(days);
  }

  /** The id of meter {@code index}: 14 digits, e.g. {@code 25000000000042} for meter 42. */
  public static String meterId(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("meter index must be >= 0, was " + index);
    }
    return Long.toString(METER_ID_BASE + index);
  }

  /** The index of a meter id made by {@link #meterId(int)}, or -1 for any other id. */
  public static int meterIndex(String meterId) {
    if (meterId == null || meterId.length() != 14) {
      return -1;
    }
    try {
      long i = Long.parseLong(meterId) - METER_ID_BASE;
      return i >= 0 && i < MAX_METERS ? (int) i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
