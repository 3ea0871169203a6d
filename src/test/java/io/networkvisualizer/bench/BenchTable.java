package io.networkvisualizer.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's summary: one row per figure (case, what, bar, measured, verdict), printed as a Markdown table whose
 * columns are padded so that it reads in a terminal and pastes into {@code docs/PERFORMANCE.md} as it is.
 */
final class BenchTable {
  static final String[] HEADER = {"case", "figure", "bar", "measured", "verdict"};

  /** One figure. {@code verdict} is "meets", "misses" or "-" (no bar). */
  record Row(String benchCase, String figure, String bar, String measured, String verdict) {
    Row {
      for (String cell : new String[] {benchCase, figure, bar, measured, verdict}) {
        if (cell == null) {
          throw new IllegalArgumentException("a table cell must not be null");
        }
      }
    }

    /** A row with a bar: "meets" when {@code met}, else "misses". */
    static Row judged(String benchCase, String figure, String bar, String measured, boolean met) {
      return new Row(benchCase, figure, bar, measured, met ? "meets" : "misses");
    }

    /** A row without a bar. */
    static Row plain(String benchCase, String figure, String measured) {
      return new Row(benchCase, figure, "", measured, "-");
    }

    String[] cells() {
      return new String[] {benchCase, figure, bar, measured, verdict};
    }
  }

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The table as Markdown, one line per row, cells padded to their column's width, pipes in cells escaped. */
  String render() {
    int[] width = new int[HEADER.length];
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    for (Row row : rows) {
      String[] cells = row.cells();
      for (int i = 0; i < cells.length; i++) {
        cells[i] = cells[i].replace("|", "\\|").replace('\n', ' ');
      }
      lines.add(cells);
    }
    for (String[] cells : lines) {
      for (int i = 0; i < cells.length; i++) {
        width[i] = Math.max(Math.max(width[i], cells[i].length()), 3);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < lines.size(); n++) {
      line(out, lines.get(n), width);
      if (n == 0) {
        String[] rule = new String[width.length];
        for (int i = 0; i < width.length; i++) {
          rule[i] = "-".repeat(width[i]);
        }
        line(out, rule, width);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append('|');
    for (int i = 0; i < cells.length; i++) {
      out.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    out.append('\n');
  }
}
