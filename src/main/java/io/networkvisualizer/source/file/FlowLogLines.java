package io.networkvisualizer.source.file;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The lines of one flow log file as byte ranges of a reused buffer, so that the parser reads each line's bytes where
 * they lie, without decoding them to a {@code String} first. Gzip files are recognised by their magic bytes, whatever
 * their name. A line longer than the limit is skipped whole and reported as {@link #tooLong()}, so one giant line
 * cannot take the memory. Not thread-safe.
 */
final class FlowLogLines implements Closeable {
  /** Longest line read; Hubble's lines are 1-3 KB. */
  static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;
  private static final int INITIAL_BUFFER = 256 << 10;

  private final InputStream in;
  private final boolean gzip;
  private final int maxLineBytes;
  private byte[] buf;
  private int pos;
  private int limit;
  private int scan;
  private boolean eof;
  private boolean skipping;
  private int lineStart;
  private int lineLength;
  private boolean tooLong;
  private long lineNumber;
  private long bytesRead;

  private FlowLogLines(InputStream in, boolean gzip, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1 (was " + maxLineBytes + ")");
    }
    this.in = in;
    this.gzip = gzip;
    this.maxLineBytes = maxLineBytes;
    this.buf = new byte[Math.min(INITIAL_BUFFER, maxLineBytes)];
  }

  /** Opens a plain or gzip-compressed file. */
  static FlowLogLines open(Path file, int maxLineBytes) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      BufferedInputStream peek = new BufferedInputStream(raw, 64 << 10);
      peek.mark(2);
      int b0 = peek.read();
      int b1 = peek.read();
      peek.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gzip ? new GZIPInputStream(peek, 64 << 10) : peek;
      return new FlowLogLines(in, gzip, maxLineBytes);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  static FlowLogLines of(InputStream in, int maxLineBytes) {
    return new FlowLogLines(in, false, maxLineBytes);
  }

  /** Moves to the next line; false at the end of the file. */
  boolean next() throws IOException {
    while (true) {
      int i = Bytes.indexOfNewline(buf, scan, limit);
      if (i >= 0) {
        int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
        return line(pos, end, i + 1);
      }
      scan = limit;
      if (eof) {
        if (pos < limit || skipping) {
          return line(pos, limit, limit);
        }
        return false;
      }
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        scan -= pos;
        pos = 0;
      }
      if (limit == buf.length) {
        if (buf.length < maxLineBytes) {
          buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxLineBytes));
        } else {
          skipping = true; // drop what we have of this line and read on to its end
          limit = scan = 0;
        }
      }
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
        bytesRead += n;
      }
    }
  }

  private boolean line(int start, int end, int next) {
    lineNumber++;
    tooLong = skipping;
    skipping = false;
    lineStart = start;
    lineLength = tooLong ? 0 : end - start;
    pos = next;
    scan = next;
    return true;
  }

  byte[] buffer() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int length() {
    return lineLength;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** Whether the current line was longer than the limit (its bytes are not available). */
  boolean tooLong() {
    return tooLong;
  }

  boolean isGzip() {
    return gzip;
  }

  /** Bytes of text read so far (after decompression). */
  long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
