package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ReadingFormatTest {

  @Test
  void shouldFindFormatsByShortNameCaseInsensitively() {
    assertThat(ReadingFormat.byName("csv")).isEqualTo(ReadingFormat.CSV);
    assertThat(ReadingFormat.byName(" GreenButton ")).isEqualTo(ReadingFormat.GREEN_BUTTON);
    assertThat(ReadingFormat.byName("lcl")).isEqualTo(ReadingFormat.LCL);
  }

  @Test
  void shouldFailFastNamingKnownFormatsWhenNameIsUnknown() {
    assertThatThrownBy(() -> ReadingFormat.byName("xlsx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown format 'xlsx'; known: csv, jsonl, greenbutton, enedis, lcl, eemeter");
  }

  @Test
  void shouldRefuseToWriteReadOnlyFormatNamingWritableOnes() {
    assertThatThrownBy(
            () -> ReadingFormat.LCL.writer(new ByteArrayOutputStream(), WriteOptions.defaults()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("format 'lcl' is read-only; writable: csv, jsonl, greenbutton, enedis");
  }

  @Test
  void shouldReadGzipCompressedInputTransparently() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(
          "meter_id,interval_start,interval_minutes,wh\nm1,2024-01-01T00:00:00Z,30,250\n"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    var readings =
        Fixtures.readAll(
            ReadingFormat.CSV,
            new java.io.ByteArrayInputStream(bytes.toByteArray()),
            ReadOptions.defaults());
    assertThat(readings).singleElement().extracting(r -> r.wh()).isEqualTo(250L);
  }
}
