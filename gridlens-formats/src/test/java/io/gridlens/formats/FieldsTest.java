package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FieldsTest {

  @Property(tries = 500)
  void fastTimestampPathAgreesWithOffsetDateTimeParse(
      @ForAll @LongRange(min = -2_000_000_000L, max = 4_000_000_000L) long epochSecond,
      @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours) {
    String text =
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            Instant.ofEpochSecond(epochSecond)
                .atOffset(ZoneOffset.ofTotalSeconds(quarterHours * 900)));

    assertThat(Fields.offsetInstant("t", text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Test
  void shouldReadFractionsAndSpaceSeparatedTimestamps() {
    assertThat(Fields.offsetInstant("t", "2024-01-01 00:00:00.5+01:00"))
        .isEqualTo(Instant.parse("2023-12-31T23:00:00.5Z"));
    assertThat(Fields.offsetInstant("t", "2020-04-01 01:00:00+00:00"))
        .isEqualTo(Instant.parse("2020-04-01T01:00:00Z"));
  }

  @Test
  void shouldRejectAnImpossibleDate() {
    assertThatThrownBy(() -> Fields.offsetInstant("interval_start", "2024-02-30T00:00:00Z"))
        .isInstanceOf(FieldException.class)
        .hasMessageContaining("ISO-8601 with an offset");
  }

  @Test
  void shouldRoundWattsToWhHalfUpOnlyWhenNotDivisible() {
    assertThat(Fields.wattsToWh(4078, 30)).isEqualTo(2039); // 4078 / 2
    assertThat(Fields.wattsToWh(4079, 30)).isEqualTo(2040); // 2039.5 -> 2040
    assertThat(Fields.wattsToWh(1003, 10)).isEqualTo(167); // 167.17 -> 167
    assertThat(Fields.wattsToWh(-4079, 30)).isEqualTo(-2040); // ties away from zero
  }

  @Test
  void shouldConvertKwhToWhExactly() {
    assertThat(Fields.kwhToWh("v", "0.263")).isEqualTo(263);
    assertThat(Fields.kwhToWh("v", "12.5")).isEqualTo(12_500);
    assertThat(Fields.kwhToWh("v", "0.0285")).isEqualTo(29); // 28.5 Wh -> 29
  }
}
