package io.gridlens.formats;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneOffsetTransitionRule.TimeDefinition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The local time of a Green Button feed, as its ESPI {@code LocalTimeParameters} says it.
 *
 * <p>A DST rule is the ESPI bit map: bits 0-11 seconds, 12-16 hour, 17-19 day of week (1 = Monday …
 * 7 = Sunday), 20-24 day of month, 25-27 operator (0 that day of month, 1 the weekday on or after
 * that day, 2-6 its first … fifth occurrence, 7 its last occurrence), 28-31 month. {@code 360E2000}
 * = March, second Sunday, 02:00; {@code B40E2000} = November, first Sunday, 02:00: the North
 * American rules.
 *
 * @param tzOffset standard offset from UTC, seconds
 * @param dstOffset DST shift, seconds (0: no DST)
 * @param dstStartRule DST start rule bit map
 * @param dstEndRule DST end rule bit map
 */
public record EspiLocalTime(int tzOffset, int dstOffset, long dstStartRule, long dstEndRule) {

  /** Region zones tried first when naming the zone of a feed (most Green Button feeds are US). */
  private static final List<String> PREFERRED =
      List.of(
          "America/New_York",
          "America/Chicago",
          "America/Denver",
          "America/Los_Angeles",
          "America/Anchorage",
          "America/Halifax",
          "America/St_Johns",
          "Europe/London",
          "Europe/Paris",
          "Europe/Helsinki",
          "Australia/Sydney",
          "Pacific/Auckland");

  public EspiLocalTime {
    if (Math.abs(tzOffset) > 18 * 3600) {
      throw new IllegalArgumentException("tzOffset must be within ±18 h, was " + tzOffset + " s");
    }
    if (Math.abs(tzOffset + dstOffset) > 18 * 3600) {
      throw new IllegalArgumentException("dstOffset out of range: " + dstOffset + " s");
    }
  }

  /** The standard offset. */
  public ZoneOffset standardOffset() {
    return ZoneOffset.ofTotalSeconds(tzOffset);
  }

  /**
   * The full rules: standard offset plus DST by the feed's rules, or a fixed offset when there is
   * no DST or its rules cannot be decoded.
   */
  public ZoneRules rules() {
    Optional<List<ZoneOffsetTransitionRule>> dst = dstRules();
    if (dst.isEmpty()) {
      return standardOffset().getRules();
    }
    ZoneOffset std = standardOffset();
    List<ZoneOffsetTransitionRule> rules = dst.get();
    // java.time ignores the last rules of a ZoneRules without transitions: seed one year.
    TreeSet<ZoneOffsetTransition> seed = new TreeSet<>();
    for (ZoneOffsetTransitionRule r : rules) {
      seed.add(r.createTransition(1900));
    }
    return ZoneRules.of(std, std, List.of(), List.copyOf(seed), rules);
  }

  /**
   * A best-effort zone id: a region zone whose current rules are exactly the feed's (preferring
   * common ones, so -28800 with North American rules is America/Los_Angeles), else the fixed
   * standard offset. Use {@link #rules()} for exact local times of any region.
   */
  public ZoneId zone() {
    Optional<List<ZoneOffsetTransitionRule>> dst = dstRules();
    if (dst.isEmpty()) {
      return standardOffset();
    }
    for (String id : PREFERRED) {
      if (matches(ZoneId.of(id), dst.get())) {
        return ZoneId.of(id);
      }
    }
    for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
      if (matches(ZoneId.of(id), dst.get())) {
        return ZoneId.of(id);
      }
    }
    return standardOffset();
  }

  private boolean matches(ZoneId zone, List<ZoneOffsetTransitionRule> dst) {
    ZoneRules r = zone.getRules();
    return r.getTransitionRules().size() == 2
        && r.getTransitionRules().containsAll(dst)
        && r.getTransitionRules().get(0).getStandardOffset().equals(standardOffset());
  }

  private Optional<List<ZoneOffsetTransitionRule>> dstRules() {
    if (dstOffset == 0) {
      return Optional.empty();
    }
    ZoneOffset std = standardOffset();
    ZoneOffset summer = ZoneOffset.ofTotalSeconds(tzOffset + dstOffset);
    Optional<ZoneOffsetTransitionRule> start = rule(dstStartRule, std, std, summer);
    Optional<ZoneOffsetTransitionRule> end = rule(dstEndRule, std, summer, std);
    if (start.isEmpty() || end.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(List.of(start.get(), end.get()));
  }

  private static Optional<ZoneOffsetTransitionRule> rule(
      long bits, ZoneOffset std, ZoneOffset before, ZoneOffset after) {
    int seconds = (int) (bits & 0xFFF);
    int hour = (int) ((bits >> 12) & 0x1F);
    int dow = (int) ((bits >> 17) & 0x7);
    int dom = (int) ((bits >> 20) & 0x1F);
    int op = (int) ((bits >> 25) & 0x7);
    int month = (int) ((bits >> 28) & 0xF);
    if (month < 1 || month > 12 || hour > 24 || seconds >= 3600) {
      return Optional.empty();
    }
    boolean endOfDay = hour == 24;
    if (endOfDay && seconds != 0) {
      return Optional.empty();
    }
    LocalTime time = endOfDay ? LocalTime.MIDNIGHT : LocalTime.of(hour, seconds / 60, seconds % 60);
    DayOfWeek weekday = dow == 0 ? null : DayOfWeek.of(dow);
    int indicator;
    if (op == 0) {
      if (dom < 1 || dom > 28) {
        return Optional.empty();
      }
      weekday = null;
      indicator = dom;
    } else if (weekday == null) {
      return Optional.empty();
    } else if (op == 1) {
      if (dom < 1 || dom > 28) {
        return Optional.empty();
      }
      indicator = dom;
    } else if (op >= 2 && op <= 5) {
      indicator = 1 + 7 * (op - 2);
    } else if (op == 7) {
      indicator = -1;
    } else {
      return Optional.empty();
    }
    return Optional.of(
        ZoneOffsetTransitionRule.of(
            Month.of(month),
            indicator,
            weekday,
            time,
            endOfDay,
            TimeDefinition.WALL,
            std,
            before,
            after));
  }
}
