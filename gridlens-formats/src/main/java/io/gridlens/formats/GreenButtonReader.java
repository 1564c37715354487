package io.gridlens.formats;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.Closeable;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reader of Green Button (NAESB ESPI) Atom XML, streamed with StAX: one {@code IntervalReading} in
 * memory at a time.
 *
 * <p>Design note.
 *
 * <ul>
 *   <li><b>Safety.</b> DTDs are off and external entities refused; a document with a {@code
 *       DOCTYPE} is rejected outright (XXE, "billion laughs"); Green Button files have none.
 *   <li><b>Linking.</b> An {@code IntervalBlock} entry's {@code up} link (or its {@code self} link
 *       minus the last segment) is the {@code related} link of its {@code MeterReading} (or lies
 *       under that entry's {@code self}); the MeterReading's other {@code related} links name its
 *       {@code ReadingType} by the ReadingType entry's {@code self} link. Feeds list the metadata
 *       entries before the blocks, which this reader requires; when a block cannot be linked, the
 *       latest ReadingType before it (document order) is used.
 *   <li><b>Meter id.</b> The caller's ({@link ReadOptions#withMeterId}), else the {@code self} href
 *       of the UsagePoint the block lies under, after {@code /resource/} and URL-decoded: {@code
 *       RetailCustomer/9/UsagePoint/1} (its last 64 characters if longer).
 *   <li><b>Scaling.</b> {@code value} × 10^{@code powerOfTenMultiplier} in the ReadingType's unit:
 *       {@code uom} 72 (Wh) as is, 31 (J) / 3600; other units are refused (not energy). A
 *       non-integral result is rounded half-up. {@code flowDirection} 1 (forward) is import, 19
 *       (reverse) export; {@code accumulationBehaviour} 1, 3, 9 (bulk, cumulative, summation) make
 *       register values, 6 and 12 (indicating, instantaneous) are refused, others are interval
 *       energy. {@code timePeriod} gives each reading's start (UTC epoch s) and duration (s).
 *   <li><b>Quality</b> ({@code ReadingQuality/quality}, ESPI QualityOfReading; the least trusted
 *       when several): 0 valid, 10 questionable (measured; VEE judges it), 14 raw, 17 validated, 18
 *       verified, 19 revenue-quality → ACTUAL; 7 manually edited → EDITED; 8 estimated using
 *       reference day, 9 estimated using linear interpolation, 11 derived, 12 projected, 13 mixed,
 *       15 normalized for weather, 16 other → ESTIMATED. No ReadingQuality → ACTUAL.
 *   <li><b>Local time.</b> {@code LocalTimeParameters} is exposed as {@link #localTime()} and
 *       {@link #zone()}; readings are UTC instants and do not depend on it.
 * </ul>
 */
public final class GreenButtonReader extends PullReader {

  private static final String RESOURCE = "/resource/";
  private static final java.util.Set<String> METADATA_LEAVES =
      java.util.Set.of(
          "uom",
          "powerOfTenMultiplier",
          "flowDirection",
          "accumulationBehaviour",
          "tzOffset",
          "dstOffset",
          "dstStartRule",
          "dstEndRule");

  private final XMLStreamReader xml;
  private final String givenMeterId;
  private final Deque<String> path = new ArrayDeque<>();
  private final Map<String, EspiReadingType> readingTypes = new HashMap<>();
  private final Map<String, List<String>> meterReadings = new LinkedHashMap<>();
  private final Map<String, String> usagePoints = new LinkedHashMap<>();
  private EspiReadingType latestReadingType;
  private EspiLocalTime localTime;

  // The entry being read.
  private String selfHref;
  private String upHref;
  private final List<String> related = new ArrayList<>();
  private String contentKind;
  private final Map<String, String> leaves = new HashMap<>();
  private Block block;

  // The IntervalReading being read.
  private long elementLine;
  private String start;
  private String duration;
  private String value;
  private Quality quality;
  private String badQuality;

  /** A linked IntervalBlock: whose readings and how to scale them. */
  private record Block(String meterId, EspiReadingType type) {}

  /** The parts of a ReadingType this reader uses. */
  private record EspiReadingType(
      String uom, String powerOfTen, String flowDirection, String accumulation) {}

  GreenButtonReader(InputStream in, ReadOptions options) {
    this(open(in), in, options);
  }

  private GreenButtonReader(XMLStreamReader xml, InputStream in, ReadOptions options) {
    super(ReadingFormat.GREEN_BUTTON, options, closer(xml, in));
    this.xml = xml;
    this.givenMeterId = options.meterId();
  }

  /** A StAX factory that cannot be made to read a DTD or an external entity. */
  static XMLInputFactory safeFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static XMLStreamReader open(InputStream in) {
    try {
      return safeFactory().createXMLStreamReader(in);
    } catch (XMLStreamException e) {
      throw xmlError(e);
    }
  }

  private static Closeable closer(XMLStreamReader xml, InputStream in) {
    return () -> {
      try {
        xml.close();
      } catch (XMLStreamException e) {
        // the input is closed below either way
      }
      in.close();
    };
  }

  /** The feed's {@code LocalTimeParameters}, once the reader has passed them. */
  public Optional<EspiLocalTime> localTime() {
    return Optional.ofNullable(localTime);
  }

  /**
   * The best-effort zone of the feed's {@code LocalTimeParameters} ({@link EspiLocalTime#zone}).
   */
  @Override
  public Optional<ZoneId> zone() {
    return localTime().map(EspiLocalTime::zone);
  }

  @Override
  Reading advance() {
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD) {
          throw new ReadingFormatException(
              new RecordError(
                  line(),
                  0,
                  "DOCTYPE",
                  null,
                  "DOCTYPE declarations are refused (they enable XXE and entity-expansion"
                      + " attacks); Green Button feeds have none"));
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          startElement(xml.getLocalName());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          Reading r = endElement(xml.getLocalName());
          if (r != null) {
            return r;
          }
        }
      }
      return null;
    } catch (XMLStreamException e) {
      throw xmlError(e);
    }
  }

  private void startElement(String name) throws XMLStreamException {
    String parent = path.peek();
    if ("entry".equals(name)) {
      selfHref = null;
      upHref = null;
      related.clear();
      contentKind = null;
      leaves.clear();
      block = null;
    } else if ("link".equals(name) && "entry".equals(parent)) {
      String rel = xml.getAttributeValue(null, "rel");
      String href = xml.getAttributeValue(null, "href");
      if (href != null) {
        if ("self".equals(rel)) {
          selfHref = href;
        } else if ("up".equals(rel)) {
          upHref = href;
        } else if ("related".equals(rel)) {
          related.add(href);
        }
      }
    } else if ("content".equals(parent) && contentKind == null) {
      contentKind = name;
    } else if (("ReadingType".equals(parent) || "LocalTimeParameters".equals(parent))
        && METADATA_LEAVES.contains(name)) {
      leaves.put(name, xml.getElementText().strip());
      return;
    } else if ("IntervalReading".equals(name)) {
      tally.record();
      elementLine = line();
      start = null;
      duration = null;
      value = null;
      quality = null;
      badQuality = null;
    } else if ("IntervalReading".equals(parent) && ("value".equals(name) || "cost".equals(name))) {
      String text = xml.getElementText().strip();
      if ("value".equals(name)) {
        value = text;
      }
      return;
    } else if ("timePeriod".equals(parent) && ("start".equals(name) || "duration".equals(name))) {
      String text = xml.getElementText().strip();
      if ("start".equals(name)) {
        start = text;
      } else {
        duration = text;
      }
      return;
    } else if ("ReadingQuality".equals(parent) && "quality".equals(name)) {
      String text = xml.getElementText().strip();
      Quality q = espiQuality(text);
      if (q == null) {
        badQuality = text;
      } else if (quality == null || q.ordinal() > quality.ordinal()) {
        quality = q;
      }
      return;
    }
    path.push(name);
  }

  private Reading endElement(String name) {
    path.poll();
    if ("IntervalReading".equals(name)) {
      try {
        return reading();
      } catch (FieldException e) {
        tally.error(e.at(elementLine, tally.records()));
        return null;
      }
    }
    if ("entry".equals(name) && contentKind != null) {
      switch (contentKind) {
        case "UsagePoint":
          if (selfHref != null) {
            usagePoints.put(selfHref, meterIdOf(selfHref));
          }
          break;
        case "MeterReading":
          if (selfHref != null) {
            meterReadings.put(selfHref, List.copyOf(related));
          }
          break;
        case "ReadingType":
          latestReadingType =
              new EspiReadingType(
                  leaves.get("uom"),
                  leaves.get("powerOfTenMultiplier"),
                  leaves.get("flowDirection"),
                  leaves.get("accumulationBehaviour"));
          if (selfHref != null) {
            readingTypes.put(selfHref, latestReadingType);
          }
          break;
        case "LocalTimeParameters":
          if (localTime == null) {
            localTime = localTimeOf(leaves);
          }
          break;
        default:
          break;
      }
    }
    return null;
  }

  private Reading reading() {
    if (block == null) {
      block = link();
    }
    if (badQuality != null) {
      throw new FieldException(
          "ReadingQuality/quality", badQuality, "unknown ESPI quality code; known: 0, 7-19");
    }
    EspiReadingType type = block.type();
    long startSeconds = longOf("timePeriod/start", start);
    long seconds = longOf("timePeriod/duration", duration);
    if (seconds % 60 != 0) {
      throw new FieldException("timePeriod/duration", duration, "must be whole minutes");
    }
    int minutes =
        Fields.checkMinutes(
            "timePeriod/duration", duration, (int) Math.min(Integer.MAX_VALUE, seconds / 60));
    return new Reading(
        block.meterId(),
        channel(type),
        Instant.ofEpochSecond(startSeconds),
        minutes,
        kind(type),
        wh(type, longOf("value", value)),
        quality == null ? Quality.ACTUAL : quality,
        source,
        null,
        null);
  }

  private Block link() {
    String blockHref = upHref;
    if (blockHref == null && selfHref != null && selfHref.lastIndexOf('/') > 0) {
      blockHref = selfHref.substring(0, selfHref.lastIndexOf('/'));
    }
    EspiReadingType type = null;
    if (blockHref != null) {
      for (Map.Entry<String, List<String>> mr : meterReadings.entrySet()) {
        if (mr.getValue().contains(blockHref) || blockHref.startsWith(mr.getKey() + "/")) {
          for (String href : mr.getValue()) {
            type = readingTypes.get(href);
            if (type != null) {
              break;
            }
          }
        }
        if (type != null) {
          break;
        }
      }
    }
    if (type == null) {
      type = latestReadingType;
    }
    if (type == null) {
      throw new ReadingFormatException(
          new RecordError(
              elementLine,
              tally.records(),
              "ReadingType",
              blockHref,
              "no ReadingType entry before this IntervalBlock; its values cannot be scaled"));
    }
    return new Block(meterIdFor(blockHref), type);
  }

  private String meterIdFor(String blockHref) {
    if (givenMeterId != null) {
      return givenMeterId;
    }
    if (blockHref != null) {
      for (Map.Entry<String, String> up : usagePoints.entrySet()) {
        if (blockHref.startsWith(up.getKey() + "/")) {
          return up.getValue();
        }
      }
    }
    if (usagePoints.size() == 1) {
      return usagePoints.values().iterator().next();
    }
    throw new ReadingFormatException(
        new RecordError(
            elementLine,
            tally.records(),
            "UsagePoint",
            blockHref,
            "cannot tell which UsagePoint this IntervalBlock belongs to; pass"
                + " ReadOptions.withMeterId(...)"));
  }

  static String meterIdOf(String usagePointHref) {
    int at = usagePointHref.indexOf(RESOURCE);
    String id = at < 0 ? usagePointHref : usagePointHref.substring(at + RESOURCE.length());
    id = URLDecoder.decode(id, StandardCharsets.UTF_8);
    return id.length() <= Reading.MAX_METER_ID_LENGTH
        ? id
        : id.substring(id.length() - Reading.MAX_METER_ID_LENGTH);
  }

  private static Channel channel(EspiReadingType t) {
    String d = t.flowDirection();
    if (d == null || d.equals("1")) {
      return Channel.IMPORT;
    }
    if (d.equals("19")) {
      return Channel.EXPORT;
    }
    throw new FieldException(
        "ReadingType/flowDirection",
        d,
        "not supported; known: 1 (forward: import), 19 (reverse: export)");
  }

  private static ValueKind kind(EspiReadingType t) {
    String a = t.accumulation();
    if (a == null) {
      return ValueKind.INTERVAL;
    }
    switch (a) {
      case "1":
      case "3":
      case "9":
        return ValueKind.REGISTER;
      case "6":
      case "12":
        throw new FieldException(
            "ReadingType/accumulationBehaviour",
            a,
            "instantaneous values are not energy; known: 4 (delta), 1, 3, 9 (register)");
      default:
        return ValueKind.INTERVAL;
    }
  }

  private static long wh(EspiReadingType t, long raw) {
    String uom = t.uom() == null ? "72" : t.uom();
    int pow;
    try {
      pow = t.powerOfTen() == null ? 0 : Integer.parseInt(t.powerOfTen());
    } catch (NumberFormatException e) {
      throw new FieldException(
          "ReadingType/powerOfTenMultiplier", t.powerOfTen(), "must be an integer");
    }
    if (pow < -18 || pow > 18) {
      throw new FieldException(
          "ReadingType/powerOfTenMultiplier", t.powerOfTen(), "must be within -18..18");
    }
    BigDecimal v = BigDecimal.valueOf(raw).scaleByPowerOfTen(pow);
    if (uom.equals("72")) {
      if (pow == 0) {
        return raw;
      }
    } else if (uom.equals("31")) {
      v = v.divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP);
    } else {
      throw new FieldException(
          "ReadingType/uom", uom, "not an energy unit; known: 72 (Wh), 31 (J)");
    }
    try {
      return v.setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new FieldException("value", Long.toString(raw), "scaled value is out of range");
    }
  }

  /** Our quality of an ESPI QualityOfReading code, or null when the code is unknown. */
  static Quality espiQuality(String code) {
    switch (code) {
      case "0":
      case "10":
      case "14":
      case "17":
      case "18":
      case "19":
        return Quality.ACTUAL;
      case "7":
        return Quality.EDITED;
      case "8":
      case "9":
      case "11":
      case "12":
      case "13":
      case "15":
      case "16":
        return Quality.ESTIMATED;
      default:
        return null;
    }
  }

  private EspiLocalTime localTimeOf(Map<String, String> v) {
    try {
      return new EspiLocalTime(
          Integer.parseInt(v.getOrDefault("tzOffset", "0")),
          Integer.parseInt(v.getOrDefault("dstOffset", "0")),
          Long.parseLong(v.getOrDefault("dstStartRule", "0"), 16),
          Long.parseLong(v.getOrDefault("dstEndRule", "0"), 16));
    } catch (IllegalArgumentException e) {
      throw new ReadingFormatException(
          new RecordError(
              line(), 0, "LocalTimeParameters", v.toString(), "unreadable: " + e.getMessage()));
    }
  }

  private static long longOf(String field, String text) {
    try {
      return Long.parseLong(Fields.required(field, text));
    } catch (NumberFormatException e) {
      throw new FieldException(field, text, "must be an integer");
    }
  }

  private long line() {
    Location l = xml.getLocation();
    return l == null ? 0 : Math.max(0, l.getLineNumber());
  }

  private static ReadingFormatException xmlError(XMLStreamException e) {
    Location l = e.getLocation();
    long line = l == null ? 0 : Math.max(0, l.getLineNumber());
    return new ReadingFormatException(
        new RecordError(line, 0, "document", null, "malformed or unsafe XML: " + e.getMessage()),
        e);
  }
}
