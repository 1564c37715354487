package io.gridlens.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.Weather;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of reference records on the compacted topics: each record type's components, dates
 * and zones as ISO strings. Reference data is small, so readability wins over size here.
 *
 * <p>Meters, premises and contracts are written as the core records themselves. Weather, carbon
 * intensity and Tempo colours are written in the shapes below, cut so that one record stays far
 * under Kafka's 1 MB record limit whatever the history (a region's month of quarter-hourly
 * temperatures is about 60 kB):
 *
 * <pre>{@code
 * ref.weather  key FR-IDF@2026-03
 *   {"region":"FR-IDF","zone":"Europe/Paris","month":"2026-03",
 *    "days":[{"date":"2026-03-29","meanC":9.8,"samplesC":[4.1,3.9,...23 values]},
 *            {"date":"2026-03-30","meanC":10.5,"samplesC":null}, ...]}
 * ref.carbon   key FR               {"region":"FR","fixedGPerKwh":52.0}
 *              key FR@2026-03       {"region":"FR","month":"2026-03","gPerKwh":[40.0,null,...]}
 *                                   (one per UTC hour of the month from its first hour, null
 *                                   where there is no figure)
 * ref.tempo    key 2026-01-12       {"date":"2026-01-12","colour":"RED"}
 * }</pre>
 */
final class ReferenceJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReferenceJson() {}

  /**
   * One local month of a region's weather: every day of the month the region has, with its daily
   * mean and, when it has them, its intra-day samples.
   *
   * @param zone the zone of the samples' local days; null when no day of the month has samples
   */
  record WeatherMonth(String region, ZoneId zone, YearMonth month, List<WeatherDay> days) {}

  /**
   * One day of a {@link WeatherMonth}.
   *
   * @param samplesC the day's samples, or null
   */
  record WeatherDay(LocalDate date, double meanC, double[] samplesC) {}

  /** The fixed factor of a region's carbon intensity (hours without a figure). */
  record CarbonFactor(String region, double fixedGPerKwh) {}

  /**
   * One UTC month of a region's hourly carbon intensity.
   *
   * @param gPerKwh one per hour of the month from its first hour; null where there is no figure
   */
  record CarbonMonth(String region, YearMonth month, Double[] gPerKwh) {}

  /** The colour of one Tempo day. */
  record TempoDay(LocalDate date, TempoColour colour) {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + value + " as JSON", e);
    }
  }

  static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "not a " + type.getSimpleName() + " record: " + new String(json), e);
    }
  }

  /** The records of some local months of a weather (months without a day are left out). */
  static List<WeatherMonth> weatherMonths(Weather w, Collection<YearMonth> months) {
    Map<YearMonth, List<WeatherDay>> days = new TreeMap<>();
    Map<LocalDate, double[]> samples = w.samples();
    for (Map.Entry<LocalDate, Double> e : new TreeMap<>(w.days()).entrySet()) {
      YearMonth m = YearMonth.from(e.getKey());
      if (months.contains(m)) {
        days.computeIfAbsent(m, x -> new ArrayList<>())
            .add(new WeatherDay(e.getKey(), e.getValue(), samples.get(e.getKey())));
      }
    }
    List<WeatherMonth> out = new ArrayList<>();
    days.forEach(
        (m, d) ->
            out.add(
                new WeatherMonth(
                    w.region(),
                    d.stream().anyMatch(x -> x.samplesC() != null) ? w.zone().orElseThrow() : null,
                    m,
                    d)));
    return out;
  }

  /** The weather of one region's month records. */
  static Weather weather(String region, Collection<WeatherMonth> months) {
    Map<LocalDate, Double> means = new TreeMap<>();
    Map<LocalDate, double[]> samples = new TreeMap<>();
    ZoneId zone = null;
    for (WeatherMonth m : months) {
      for (WeatherDay d : m.days()) {
        means.put(d.date(), d.meanC());
        if (d.samplesC() != null) {
          samples.put(d.date(), d.samplesC());
          zone = m.zone();
        }
      }
    }
    return new Weather(region, means, zone, samples);
  }

  /** The records of some UTC months of a carbon intensity's hourly figures. */
  static List<CarbonMonth> carbonMonths(CarbonIntensity c, Collection<YearMonth> months) {
    Map<YearMonth, Double[]> byMonth = new TreeMap<>();
    c.figures()
        .forEach(
            (t, g) -> {
              LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
              YearMonth m = YearMonth.from(utc);
              if (months.contains(m)) {
                Double[] hours =
                    byMonth.computeIfAbsent(m, x -> new Double[x.lengthOfMonth() * 24]);
                hours[(utc.getDayOfMonth() - 1) * 24 + utc.getHour()] = g;
              }
            });
    List<CarbonMonth> out = new ArrayList<>();
    byMonth.forEach((m, g) -> out.add(new CarbonMonth(c.region(), m, g)));
    return out;
  }

  /** The hourly figures of one region's month records, by the instant their hour starts. */
  static Map<Instant, Double> carbonFigures(Collection<CarbonMonth> months) {
    Map<Instant, Double> out = new HashMap<>();
    for (CarbonMonth m : months) {
      Instant first = m.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      for (int h = 0; h < m.gPerKwh().length; h++) {
        if (m.gPerKwh()[h] != null) {
          out.put(first.plusSeconds(3600L * h), m.gPerKwh()[h]);
        }
      }
    }
    return out;
  }
}
