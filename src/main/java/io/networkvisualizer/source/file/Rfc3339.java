package io.networkvisualizer.source.file;

/**
 * A hand-written parser of RFC 3339 timestamps as protobuf's JSON form writes them ({@code 2021-06-16T16:52:13.136834446Z}),
 * to epoch nanoseconds. It exists because {@code Instant.parse} through {@code DateTimeFormatter} costs several times
 * the whole rest of a jsonpb line; it also accepts numeric offsets ({@code +02:00}) and 0 to 9 fraction digits, as
 * protobuf's own parser does.
 */
final class Rfc3339 {
  /** The latest instant whose epoch nanoseconds fit a {@code long}: 2262-04-11T23:47:16.854775807Z. */
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

  private Rfc3339() {}

  /** Thrown for text that is not an RFC 3339 timestamp in the range 1970..2262; the message says why. */
  static final class BadTimestamp extends Exception {
    private static final long serialVersionUID = 1L;

    BadTimestamp(String message) {
      super(message, null, false, false);
    }
  }

  /** Epoch nanoseconds of the timestamp in {@code text[off, off+len)}. */
  static long parseNanos(char[] text, int off, int len) throws BadTimestamp {
    int end = off + len;
    // yyyy-mm-ddThh:mm:ss is 19 characters, then at least the zone designator.
    if (len < 20 || text[off + 4] != '-' || text[off + 7] != '-' || (text[off + 10] != 'T' && text[off + 10] != 't')
        || text[off + 13] != ':' || text[off + 16] != ':') {
      throw new BadTimestamp("not an RFC 3339 timestamp");
    }
    int year = digits(text, off, 4);
    int month = digits(text, off + 5, 2);
    int day = digits(text, off + 8, 2);
    int hour = digits(text, off + 11, 2);
    int minute = digits(text, off + 14, 2);
    int second = digits(text, off + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      throw new BadTimestamp("not an RFC 3339 timestamp");
    }
    int i = off + 19;
    long nanos = 0;
    if (text[i] == '.') {
      i++;
      int start = i;
      long scale = 100_000_000L;
      while (i < end && text[i] >= '0' && text[i] <= '9') {
        nanos += (text[i] - '0') * scale;
        scale /= 10;
        i++;
      }
      if (i == start || i - start > 9) {
        throw new BadTimestamp("fraction of a second must have 1 to 9 digits");
      }
    }
    if (i >= end) {
      throw new BadTimestamp("timestamp has no zone (Z or +hh:mm)");
    }
    int offsetSeconds;
    char zone = text[i];
    if ((zone == 'Z' || zone == 'z') && i + 1 == end) {
      offsetSeconds = 0;
    } else if ((zone == '+' || zone == '-') && i + 6 == end && text[i + 3] == ':') {
      int oh = digits(text, i + 1, 2);
      int om = digits(text, i + 4, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) {
        throw new BadTimestamp("bad zone offset");
      }
      offsetSeconds = (oh * 3600 + om * 60) * (zone == '-' ? -1 : 1);
    } else {
      throw new BadTimestamp("bad zone (expected Z or +hh:mm)");
    }
    long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    if (seconds < 0) {
      throw new BadTimestamp("timestamp before 1970");
    }
    if (seconds > MAX_SECONDS || (seconds == MAX_SECONDS && nanos > Long.MAX_VALUE % 1_000_000_000L)) {
      throw new BadTimestamp("timestamp after 2262");
    }
    return seconds * 1_000_000_000L + nanos;
  }

  /** Convenience for tests and cold paths. */
  static long parseNanos(String text) throws BadTimestamp {
    return parseNanos(text.toCharArray(), 0, text.length());
  }

  /** The decimal value of {@code n} digits, or -1 if any is not a digit. */
  private static int digits(char[] text, int off, int n) {
    int value = 0;
    for (int i = off; i < off + n; i++) {
      int d = text[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
