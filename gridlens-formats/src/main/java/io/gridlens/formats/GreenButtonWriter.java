package io.gridlens.formats;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writer of a minimal Green Button (ESPI) Atom feed that {@link GreenButtonReader} reads back
 * identically.
 *
 * <p>Design note. Entries are written as readings arrive: a {@code UsagePoint} when a meter first
 * appears (self href {@code …/resource/<url-encoded meter id>}), a {@code MeterReading} and its
 * {@code ReadingType} (Wh, ×10^0, flow 1 or 19, accumulation 4 delta or 3 cumulative) when a
 * (meter, channel, kind) series first appears, and one {@code IntervalBlock} per series and UTC
 * day, buffered (at most 288 readings) and flushed when the series or the day changes. A quality
 * other than ACTUAL is written as {@code ReadingQuality} 7 (EDITED) or 8 (ESTIMATED). No {@code
 * LocalTimeParameters}: timestamps are UTC epoch seconds.
 */
final class GreenButtonWriter implements ReadingWriter {

  static final String BASE = "https://gridlens.invalid/espi/1_1/resource/";
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String ESPI = "http://naesb.org/espi";

  private final OutputStream out;
  private final XMLStreamWriter xml;
  private final Set<String> meters = new HashSet<>();
  private final Map<Series, String> meterReadings = new HashMap<>();
  private final List<Reading> block = new ArrayList<>();
  private Series blockSeries;
  private LocalDate blockDay;
  private int blocks;
  private boolean closed;

  /** One MeterReading of the feed. */
  private record Series(String meterId, Channel channel, ValueKind kind) {}

  GreenButtonWriter(OutputStream out) {
    this.out = out;
    try {
      xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("feed");
      xml.writeDefaultNamespace(ATOM);
      xml.writeNamespace("espi", ESPI);
      element(
          "id",
          "urn:uuid:" + UUID.nameUUIDFromBytes("gridlens-feed".getBytes(StandardCharsets.UTF_8)));
      element("title", "Gridlens Green Button export");
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  @Override
  public void write(Reading r) {
    Series series = new Series(r.meterId(), r.channel(), r.kind());
    LocalDate day = r.intervalStart().atOffset(ZoneOffset.UTC).toLocalDate();
    try {
      if (!series.equals(blockSeries) || !day.equals(blockDay)) {
        flush();
        blockSeries = series;
        blockDay = day;
        if (meters.add(r.meterId())) {
          usagePoint(r.meterId());
        }
        if (!meterReadings.containsKey(series)) {
          meterReading(series, r.intervalMinutes());
        }
      }
      block.add(r);
    } catch (XMLStreamException e) {
      throw failure(e);
    }
  }

  private static String usagePointHref(String meterId) {
    return BASE + URLEncoder.encode(meterId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private void usagePoint(String meterId) throws XMLStreamException {
    String self = usagePointHref(meterId);
    startEntry(self, null, List.of(self + "/MeterReading"), meterId);
    xml.writeStartElement("UsagePoint");
    xml.writeDefaultNamespace(ESPI);
    xml.writeStartElement("ServiceCategory");
    element("kind", "0");
    xml.writeEndElement();
    xml.writeEndElement();
    endEntry();
  }

  private void meterReading(Series s, int minutes) throws XMLStreamException {
    int n = meterReadings.size() + 1;
    String self = usagePointHref(s.meterId()) + "/MeterReading/" + n;
    String type = BASE + "ReadingType/" + n;
    meterReadings.put(s, self);
    startEntry(self, null, List.of(self + "/IntervalBlock", type), "MeterReading " + n);
    xml.writeEmptyElement("MeterReading");
    xml.writeDefaultNamespace(ESPI);
    endEntry();
    startEntry(type, null, List.of(), "ReadingType " + n);
    xml.writeStartElement("ReadingType");
    xml.writeDefaultNamespace(ESPI);
    element("accumulationBehaviour", s.kind() == ValueKind.INTERVAL ? "4" : "3");
    element("commodity", "1");
    element("flowDirection", s.channel() == Channel.IMPORT ? "1" : "19");
    element("intervalLength", Integer.toString(minutes * 60));
    element("kind", "12");
    element("powerOfTenMultiplier", "0");
    element("uom", "72");
    xml.writeEndElement();
    endEntry();
  }

  private void flush() throws XMLStreamException {
    if (block.isEmpty()) {
      return;
    }
    String mr = meterReadings.get(blockSeries);
    blocks++;
    startEntry(mr + "/IntervalBlock/" + blocks, mr + "/IntervalBlock", List.of(), null);
    xml.writeStartElement("IntervalBlock");
    xml.writeDefaultNamespace(ESPI);
    long first = block.get(0).intervalStart().getEpochSecond();
    long last = block.get(block.size() - 1).intervalEnd().getEpochSecond();
    xml.writeStartElement("interval");
    element("duration", Long.toString(Math.max(0, last - first)));
    element("start", Long.toString(first));
    xml.writeEndElement();
    for (Reading r : block) {
      xml.writeStartElement("IntervalReading");
      if (r.quality() != Quality.ACTUAL) {
        xml.writeStartElement("ReadingQuality");
        element("quality", r.quality() == Quality.EDITED ? "7" : "8");
        xml.writeEndElement();
      }
      xml.writeStartElement("timePeriod");
      element("duration", Integer.toString(r.intervalMinutes() * 60));
      element("start", Long.toString(r.intervalStart().getEpochSecond()));
      xml.writeEndElement();
      element("value", Long.toString(r.wh()));
      xml.writeEndElement();
    }
    xml.writeEndElement();
    endEntry();
    block.clear();
  }

  private void startEntry(String self, String up, List<String> related, String title)
      throws XMLStreamException {
    xml.writeCharacters("\n");
    xml.writeStartElement("entry");
    element("id", "urn:uuid:" + UUID.nameUUIDFromBytes(self.getBytes(StandardCharsets.UTF_8)));
    link("self", self);
    if (up != null) {
      link("up", up);
    }
    for (String href : related) {
      link("related", href);
    }
    if (title == null) {
      xml.writeEmptyElement("title");
    } else {
      element("title", title);
    }
    xml.writeStartElement("content");
  }

  private void endEntry() throws XMLStreamException {
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private void link(String rel, String href) throws XMLStreamException {
    xml.writeEmptyElement("link");
    xml.writeAttribute("rel", rel);
    xml.writeAttribute("href", href);
  }

  private void element(String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private static UncheckedIOException failure(XMLStreamException e) {
    return new UncheckedIOException(new IOException("cannot write Green Button XML", e));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flush();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
      out.close();
    } catch (XMLStreamException e) {
      throw failure(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
