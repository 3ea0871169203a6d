package io.networkvisualizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchTableTest {
  @Test
  void rendersAPaddedMarkdownTableWithVerdicts() {
    BenchTable table = new BenchTable();
    table.add(BenchTable.Row.judged("ingest", "sustained", ">= 100,000 flows/s", "125,000 flows/s", true));
    table.add(BenchTable.Row.judged("memory", "per flow", "<= 1 KB", "1,200 B", false));
    table.add(BenchTable.Row.plain("ingest", "GC pauses", "3, 12 ms"));

    String[] lines = table.render().split("\n");

    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("| case ").endsWith(" |").contains("| verdict |");
    assertThat(lines[1]).matches("\\|[-| ]+\\|");
    assertThat(lines[2]).contains("| meets ");
    assertThat(lines[3]).contains("| misses ");
    assertThat(lines[4]).contains("| -  ");
    for (String line : lines) {
      assertThat(line).hasSameSizeAs(lines[0]);
    }
  }

  @Test
  void escapesPipesAndFlattensNewlinesInCells() {
    BenchTable table = new BenchTable();
    table.add(BenchTable.Row.plain("a|b", "two\nlines", "x"));

    String row = table.render().split("\n")[2];

    assertThat(row).contains("a\\|b").contains("two lines");
  }

  @Test
  void refusesAMissingCell() {
    assertThatThrownBy(() -> new BenchTable.Row("ingest", null, "", "", "-"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
