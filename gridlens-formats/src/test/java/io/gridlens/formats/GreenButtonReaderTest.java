package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GreenButtonReaderTest {

  private static final String INLAND =
      "greenbutton/Inland_Single_Family_Jan_1_2011_to_Jan_1_2012_RetailCustomer_9.xml";
  private static final String NINE_DAYS = "greenbutton/TestGBDataHourlyNineDaysBinnedDaily.xml";
  private static final String CONTAINERIZED = "greenbutton/electric_containerized.xml";

  /** Sum and count of the {@code <value>} of every IntervalReading, by regex over the raw text. */
  private static long[] rawValues(String fixture) throws IOException {
    String text = Files.readString(Fixtures.fixture(fixture));
    Matcher m =
        Pattern.compile("<IntervalReading>.*?<value>(-?\\d+)</value>", Pattern.DOTALL)
            .matcher(text);
    long sum = 0;
    long count = 0;
    while (m.find()) {
      sum += Long.parseLong(m.group(1));
      count++;
    }
    return new long[] {sum, count};
  }

  private static List<Reading> readFixture(String fixture) throws IOException {
    try (InputStream in = Files.newInputStream(Fixtures.fixture(fixture))) {
      return Fixtures.readAll(ReadingFormat.GREEN_BUTTON, in, ReadOptions.defaults());
    }
  }

  @Test
  void shouldReadAYearOfHourlyReadingsWhoseTotalMatchesTheRawValues() throws IOException {
    long[] raw = rawValues(INLAND); // uom 72, powerOfTenMultiplier 0: Wh = value

    List<Reading> readings = readFixture(INLAND);

    assertThat(readings).hasSize(8_760);
    assertThat(raw[1]).isEqualTo(8_760);
    assertThat(readings.stream().mapToLong(Reading::wh).sum()).isEqualTo(raw[0]);
    assertThat(readings).allSatisfy(r -> assertThat(r.intervalMinutes()).isEqualTo(60));
    // 1293868800 = 2011-01-01T08:00:00Z, midnight in California.
    assertThat(readings.get(0).intervalStart()).isEqualTo(Instant.parse("2011-01-01T08:00:00Z"));
    assertThat(readings.get(0).wh()).isEqualTo(1002);
    assertThat(readings.get(8_759).intervalStart())
        .isEqualTo(Instant.parse("2012-01-01T07:00:00Z"));
    assertThat(readings)
        .allSatisfy(
            r -> {
              assertThat(r.meterId()).isEqualTo("RetailCustomer/9/UsagePoint/1");
              assertThat(r.source()).isEqualTo("greenbutton");
              assertThat(r.channel()).isEqualTo(Channel.IMPORT);
              assertThat(r.kind()).isEqualTo(ValueKind.INTERVAL);
            });
  }

  @Test
  void shouldReadNineDaysOfHourlyReadingsWithCost() throws IOException {
    long[] raw = rawValues(NINE_DAYS);

    List<Reading> readings = readFixture(NINE_DAYS);

    assertThat(readings).hasSize(216); // 9 days x 24 hours
    assertThat(readings.stream().mapToLong(Reading::wh).sum()).isEqualTo(raw[0]);
    assertThat(readings.get(0).meterId()).isEqualTo("RetailCustomer/2/UsagePoint/2");
    assertThat(readings.get(0).intervalStart()).isEqualTo(Instant.ofEpochSecond(1388552400L));
    assertThat(readings.get(0).wh()).isEqualTo(273);
  }

  @Test
  void shouldReadTheAbridgedContainerizedFeed() throws IOException {
    List<Reading> readings = readFixture(CONTAINERIZED);

    // The eight <value>s of the file: 450, 430, 418, 410, 595, 591, 611, 581.
    assertThat(readings)
        .extracting(Reading::wh)
        .containsExactly(450L, 430L, 418L, 410L, 595L, 591L, 611L, 581L);
    assertThat(readings.get(4).intervalStart()).isEqualTo(Instant.ofEpochSecond(1293912000L));
  }

  @Test
  void shouldExposeTheFeedsLocalTimeAsARegionZoneAndExactRules() throws IOException {
    try (ReadingReader r =
        ReadingFormat.GREEN_BUTTON.open(
            Files.newInputStream(Fixtures.fixture(INLAND)), ReadOptions.defaults())) {
      r.next();
      GreenButtonReader gb = (GreenButtonReader) r;

      EspiLocalTime lt = gb.localTime().orElseThrow();
      assertThat(lt).isEqualTo(new EspiLocalTime(-28800, 3600, 0x360E2000L, 0xB40E2000L));
      assertThat(r.zone()).contains(ZoneId.of("America/Los_Angeles"));
      // 2011: DST from Sunday 13 March 02:00 PST (10:00Z) to Sunday 6 November 02:00 PDT (09:00Z).
      assertThat(lt.rules().getOffset(Instant.parse("2011-03-13T09:59:59Z")))
          .isEqualTo(ZoneOffset.ofHours(-8));
      assertThat(lt.rules().getOffset(Instant.parse("2011-03-13T10:00:00Z")))
          .isEqualTo(ZoneOffset.ofHours(-7));
      assertThat(lt.rules().getOffset(Instant.parse("2011-11-06T08:59:59Z")))
          .isEqualTo(ZoneOffset.ofHours(-7));
      assertThat(lt.rules().getOffset(Instant.parse("2011-11-06T09:00:00Z")))
          .isEqualTo(ZoneOffset.ofHours(-8));
    }
  }

  @Test
  void shouldUseAFixedOffsetZoneWhenTheFeedHasNoDst() {
    assertThat(new EspiLocalTime(3600, 0, 0, 0).zone()).isEqualTo(ZoneOffset.ofHours(1));
  }

  @Test
  void shouldPreferTheCallersMeterId() throws IOException {
    try (InputStream in = Files.newInputStream(Fixtures.fixture(CONTAINERIZED))) {
      List<Reading> readings =
          Fixtures.readAll(
              ReadingFormat.GREEN_BUTTON, in, ReadOptions.defaults().withMeterId("house-3"));
      assertThat(readings).extracting(Reading::meterId).containsOnly("house-3");
    }
  }

  // A feed with two MeterReadings whose ReadingTypes differ, linked by hrefs; the second
  // ReadingType is listed LAST before the blocks, so document order alone would mislink block 1.
  private static String twoSeriesFeed(String qualityOfFirst) {
    String b = "https://x/espi/1_1/resource/";
    return "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        + entry(
            b + "RetailCustomer/1/UsagePoint/7",
            null,
            List.of(),
            "<UsagePoint xmlns=\"http://naesb.org/espi\"/>")
        + entry(
            b + "RetailCustomer/1/UsagePoint/7/MeterReading/1",
            null,
            List.of(
                b + "RetailCustomer/1/UsagePoint/7/MeterReading/1/IntervalBlock",
                b + "ReadingType/kwh"),
            "<MeterReading xmlns=\"http://naesb.org/espi\"/>")
        + entry(
            b + "RetailCustomer/1/UsagePoint/7/MeterReading/2",
            null,
            List.of(
                b + "RetailCustomer/1/UsagePoint/7/MeterReading/2/IntervalBlock",
                b + "ReadingType/export"),
            "<MeterReading xmlns=\"http://naesb.org/espi\"/>")
        + entry(b + "ReadingType/kwh", null, List.of(), readingType("72", "3", "1"))
        + entry(b + "ReadingType/export", null, List.of(), readingType("72", "-1", "19"))
        + entry(
            b + "RetailCustomer/1/UsagePoint/7/MeterReading/1/IntervalBlock/1",
            b + "RetailCustomer/1/UsagePoint/7/MeterReading/1/IntervalBlock",
            List.of(),
            block(
                intervalReading(1700000000L, 1800, "2", qualityOfFirst)
                    + intervalReading(1700001800L, 1800, "3", null)))
        + entry(
            b + "RetailCustomer/1/UsagePoint/7/MeterReading/2/IntervalBlock/1",
            b + "RetailCustomer/1/UsagePoint/7/MeterReading/2/IntervalBlock",
            List.of(),
            block(intervalReading(1700000000L, 900, "25", null)))
        + "</feed>\n";
  }

  private static String entry(String self, String up, List<String> related, String content) {
    StringBuilder s = new StringBuilder("<entry><link rel=\"self\" href=\"" + self + "\"/>");
    if (up != null) {
      s.append("<link rel=\"up\" href=\"").append(up).append("\"/>");
    }
    for (String r : related) {
      s.append("<link rel=\"related\" href=\"").append(r).append("\"/>");
    }
    return s.append("<content>").append(content).append("</content></entry>\n").toString();
  }

  private static String readingType(String uom, String pow, String flow) {
    return "<ReadingType xmlns=\"http://naesb.org/espi\"><accumulationBehaviour>4</accumulationBehaviour>"
        + "<flowDirection>"
        + flow
        + "</flowDirection><powerOfTenMultiplier>"
        + pow
        + "</powerOfTenMultiplier><uom>"
        + uom
        + "</uom></ReadingType>";
  }

  private static String block(String readings) {
    return "<IntervalBlock xmlns=\"http://naesb.org/espi\">" + readings + "</IntervalBlock>";
  }

  private static String intervalReading(long start, int duration, String value, String quality) {
    return "<IntervalReading>"
        + (quality == null
            ? ""
            : "<ReadingQuality><quality>" + quality + "</quality></ReadingQuality>")
        + "<timePeriod><duration>"
        + duration
        + "</duration><start>"
        + start
        + "</start></timePeriod><value>"
        + value
        + "</value></IntervalReading>";
  }

  @Test
  void shouldLinkEachBlockToItsReadingTypeThroughHrefsAndScaleValues() {
    List<Reading> readings = Fixtures.readAll(ReadingFormat.GREEN_BUTTON, twoSeriesFeed(null));

    // Block 1: uom 72 x 10^3 (kWh): 2 -> 2000 Wh, 3 -> 3000 Wh, flow 1 = import.
    // Block 2: uom 72 x 10^-1: 25 -> 2.5 Wh -> 3 Wh (half-up), flow 19 = export, 15 minutes.
    assertThat(readings)
        .containsExactly(
            new Reading(
                "RetailCustomer/1/UsagePoint/7",
                Channel.IMPORT,
                Instant.ofEpochSecond(1700000000L),
                30,
                ValueKind.INTERVAL,
                2000,
                Quality.ACTUAL,
                "greenbutton",
                null,
                null),
            new Reading(
                "RetailCustomer/1/UsagePoint/7",
                Channel.IMPORT,
                Instant.ofEpochSecond(1700001800L),
                30,
                ValueKind.INTERVAL,
                3000,
                Quality.ACTUAL,
                "greenbutton",
                null,
                null),
            new Reading(
                "RetailCustomer/1/UsagePoint/7",
                Channel.EXPORT,
                Instant.ofEpochSecond(1700000000L),
                15,
                ValueKind.INTERVAL,
                3,
                Quality.ACTUAL,
                "greenbutton",
                null,
                null));
  }

  @Test
  void shouldMapEspiQualityCodes() {
    assertThat(GreenButtonReader.espiQuality("0")).isEqualTo(Quality.ACTUAL);
    assertThat(GreenButtonReader.espiQuality("14")).isEqualTo(Quality.ACTUAL);
    assertThat(GreenButtonReader.espiQuality("7")).isEqualTo(Quality.EDITED);
    assertThat(GreenButtonReader.espiQuality("8")).isEqualTo(Quality.ESTIMATED);
    assertThat(GreenButtonReader.espiQuality("9")).isEqualTo(Quality.ESTIMATED);
    assertThat(GreenButtonReader.espiQuality("3")).isNull();
    assertThat(Fixtures.readAll(ReadingFormat.GREEN_BUTTON, twoSeriesFeed("9")).get(0).quality())
        .isEqualTo(Quality.ESTIMATED);
  }

  @Test
  void shouldReportUnknownQualityCodeNamingElementAndField() {
    assertThatThrownBy(() -> Fixtures.readAll(ReadingFormat.GREEN_BUTTON, twoSeriesFeed("3")))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("(record 1), field 'ReadingQuality/quality', value '3'");
  }

  @Test
  void shouldRefuseANonEnergyUnit() {
    String feed = twoSeriesFeed(null).replace("<uom>72</uom>", "<uom>38</uom>"); // 38 = W
    ReadOptions skip = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);

    try (ReadingReader r = ReadingFormat.GREEN_BUTTON.open(Fixtures.text(feed), skip)) {
      assertThat(r.hasNext()).isFalse();
      assertThat(r.report().errorCount()).isEqualTo(3);
      assertThat(r.report().errors().get(0).field()).isEqualTo("ReadingType/uom");
      assertThat(r.report().errors().get(0).reason()).contains("72 (Wh)");
    }
  }

  @Test
  void shouldRejectAnExternalEntityDocument(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content>"
            + "<IntervalBlock><IntervalReading><timePeriod><duration>3600</duration>"
            + "<start>0</start></timePeriod><value>&xxe;</value></IntervalReading>"
            + "</IntervalBlock></content></entry></feed>";

    assertThatThrownBy(() -> Fixtures.readAll(ReadingFormat.GREEN_BUTTON, xxe))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("field 'DOCTYPE'")
        .hasMessageContaining("refused")
        .hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void shouldRejectABillionLaughsDocumentWithoutExpandingIt() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
    for (int i = 2; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int k = 0; k < 10; k++) {
        dtd.append("&lol").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>");
    String bomb = "<?xml version=\"1.0\"?>\n" + dtd + "\n<feed><title>&lol9;</title></feed>";

    assertThatThrownBy(() -> Fixtures.readAll(ReadingFormat.GREEN_BUTTON, bomb))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("field 'DOCTYPE'")
        .hasMessageContaining("refused");
  }

  @Test
  void shouldFailWithLineOnMalformedXml() {
    assertThatThrownBy(
            () -> Fixtures.readAll(ReadingFormat.GREEN_BUTTON, "<feed>\n<entry>\n</feed>"))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("malformed or unsafe XML");
  }

  @Test
  void shouldStreamReadingsBeforeTheEndOfTheDocument() {
    // A truncated feed: the readings before the break come out, then the parse error.
    String feed = twoSeriesFeed(null);
    String truncated = feed.substring(0, feed.indexOf("MeterReading/2/IntervalBlock/1"));
    List<Reading> got = new ArrayList<>();
    try (ReadingReader r =
        ReadingFormat.GREEN_BUTTON.open(Fixtures.text(truncated), ReadOptions.defaults())) {
      assertThatThrownBy(() -> r.forEachRemaining(got::add))
          .isInstanceOf(ReadingFormatException.class);
    }
    assertThat(got).extracting(Reading::wh).containsExactly(2000L, 3000L);
  }
}
