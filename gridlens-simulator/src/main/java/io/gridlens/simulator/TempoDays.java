package io.gridlens.simulator;

import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TempoColour;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tempo day colours as RTE draws them, simplified: in every Tempo season (1 September to 31 August)
 * 22 red days, all weekdays from November to March, and 43 white days, Monday to Saturday from
 * October to April; the rest blue. The coldest days (Paris daily mean plus some noise drawn from
 * the seed) get the colours, as demand drives the real choice.
 */
final class TempoDays {

  /** Red days per Tempo season. */
  static final int RED_DAYS = 22;

  /** White days per Tempo season. */
  static final int WHITE_DAYS = 43;

  private TempoDays() {}

  /** The colours of every Tempo season that overlaps the local days [from, to). */
  static TempoCalendar calendar(
      long seed, WeatherModel weather, ZoneId zone, LocalDate from, LocalDate to) {
    Map<LocalDate, TempoColour> colours = new HashMap<>();
    int firstSeason = from.getMonthValue() >= 9 ? from.getYear() : from.getYear() - 1;
    LocalDate last = to.minusDays(1);
    int lastSeason = last.getMonthValue() >= 9 ? last.getYear() : last.getYear() - 1;
    for (int y = firstSeason; y <= lastSeason; y++) {
      season(seed, weather, zone, y, colours);
    }
    return new TempoCalendar(colours);
  }

  private static void season(
      long seed, WeatherModel weather, ZoneId zone, int year, Map<LocalDate, TempoColour> out) {
    List<LocalDate> days = new ArrayList<>();
    Map<LocalDate, Double> score = new HashMap<>();
    for (LocalDate d = LocalDate.of(year, 10, 1); d.isBefore(LocalDate.of(year + 1, 5, 1)); ) {
      days.add(d);
      double noise = 2.0 * SplitMix.gaussian(SplitMix.hash(seed, SplitMix.TEMPO, d.toEpochDay()));
      score.put(d, weather.dailyMeanC(Region.FR_IDF, d, zone) + noise);
      d = d.plusDays(1);
    }
    Comparator<LocalDate> coldestFirst =
        Comparator.comparingDouble((LocalDate d) -> score.get(d)).thenComparing(d -> d);
    days.sort(coldestFirst);
    int red = 0;
    for (LocalDate d : days) {
      if (red < RED_DAYS && redEligible(d)) {
        out.put(d, TempoColour.RED);
        red++;
      }
    }
    int white = 0;
    for (LocalDate d : days) {
      if (white < WHITE_DAYS && !out.containsKey(d) && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        out.put(d, TempoColour.WHITE);
        white++;
      }
    }
  }

  private static boolean redEligible(LocalDate d) {
    Month m = d.getMonth();
    boolean winter =
        m == Month.NOVEMBER
            || m == Month.DECEMBER
            || m == Month.JANUARY
            || m == Month.FEBRUARY
            || m == Month.MARCH;
    DayOfWeek w = d.getDayOfWeek();
    return winter && w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
  }
}
