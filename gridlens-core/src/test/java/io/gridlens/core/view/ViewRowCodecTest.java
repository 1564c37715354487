package io.gridlens.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.codec.CodecException;
import io.gridlens.core.codec.MeterDayCodec;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewRowCodecTest {

  private static final Contract HPHC =
      TestTariffs.hphc("M1", TestTariffs.NIGHT, TestTariffs.HP, TestTariffs.HC, 185.58);

  /** 2026-03-29, spring forward in Paris: 46 half-hours; one estimated, one missing. */
  private static MeterDay dstDay() {
    return TestDays.day(LocalDate.of(2026, 3, 29))
        .whAll(240)
        .wh(30, 612)
        .quality(5, Quality.ESTIMATED)
        .missing(45)
        .build();
  }

  private static ViewRow withCostAndCarbon(MeterDay day) {
    return new ViewRow(
        day,
        DayInsights.of(
            day,
            TestTariffs.context(
                day, HPHC, TempoCalendar.ALL_BLUE, CarbonIntensity.fixed("FR", 52))));
  }

  @Test
  void shouldDecodeWhatItEncodes() {
    ViewRow row = withCostAndCarbon(dstDay());

    ViewRow back = ViewRowCodec.decode(ViewRowCodec.encode(row));

    assertThat(back).isEqualTo(row);
    assertThat(back.insights().touWh()).isEqualTo(row.insights().touWh());
  }

  @Test
  void shouldDecodeARowWithoutCostCarbonOrSplit() {
    MeterDay day = TestDays.day(LocalDate.of(2026, 1, 15)).channel(Channel.EXPORT).whAll(7).build();
    ViewRow row = new ViewRow(day, DayInsights.of(day, TestTariffs.context(day, null)));

    ViewRow back = ViewRowCodec.decode(ViewRowCodec.encode(row));

    assertThat(back).isEqualTo(row);
    assertThat(back.insights().hasCost()).isFalse();
    assertThat(back.insights().hasCarbon()).isFalse();
  }

  @Test
  void shouldAddTheInsightsAfterTheDay() {
    ViewRow row = withCostAndCarbon(dstDay());

    // version byte + day + presence + count + 2 x (code + 8) + 2 x 8 + 8 = day + 45 bytes
    assertThat(ViewRowCodec.encode(row)).hasSize(MeterDayCodec.encodedSize(row.day()) + 45);
  }

  @Test
  void shouldRejectAnUnknownFormatVersion() {
    byte[] bytes = ViewRowCodec.encode(withCostAndCarbon(dstDay()));
    bytes[0] = 9;

    assertThatThrownBy(() -> ViewRowCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 9")
        .hasMessageContaining("upgrade");
  }

  @Test
  void shouldRejectATruncatedRow() {
    byte[] bytes = ViewRowCodec.encode(withCostAndCarbon(dstDay()));

    assertThatThrownBy(() -> ViewRowCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] bytes = ViewRowCodec.encode(withCostAndCarbon(dstDay()));

    assertThatThrownBy(() -> ViewRowCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("unexpected bytes");
  }

  @Test
  void shouldRejectInsightsOfAnotherDay() {
    MeterDay day = dstDay();
    MeterDay other = TestDays.day(LocalDate.of(2026, 3, 29)).whAll(1).build();
    DayInsights wrong = DayInsights.of(other, TestTariffs.context(other, null));

    assertThatThrownBy(() -> new ViewRow(day, wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DayInsights.of");
  }

  @Test
  void shouldKeepTheTimeOfUseSplitThroughTheBytes() {
    MeterDay day = TestDays.day(LocalDate.of(2026, 1, 15)).whAll(100).build();
    ViewRow row = withCostAndCarbon(day);

    // Off-peak 22:00-06:00 = 16 half-hours x 100 Wh; peak the other 32.
    assertThat(ViewRowCodec.decode(ViewRowCodec.encode(row)).insights().touWh())
        .isEqualTo(
            Map.of(
                io.gridlens.core.reference.Period.HC, 1_600L,
                io.gridlens.core.reference.Period.HP, 3_200L));
  }
}
