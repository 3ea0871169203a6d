package io.networkvisualizer.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowDetailTest {
  private static FlowDetail parse(String include) {
    return FlowDetail.parse(name -> name.equals("include") ? include : null);
  }

  @Test
  void withoutInclude_labelsAreLeftOut() {
    assertThat(parse(null)).isEqualTo(FlowDetail.STANDARD);
    assertThat(parse("  ")).isEqualTo(FlowDetail.STANDARD);
    assertThat(FlowDetail.parse(Map.of())).isEqualTo(FlowDetail.STANDARD);
    assertThat(FlowDetail.STANDARD.labels()).isFalse();
  }

  @Test
  void includeLabels_inAnyCaseAndWithSpaces_addsThem() {
    for (String include : List.of("labels", "LABELS", " Labels ", "labels,labels")) {
      assertThat(parse(include)).as(include).isEqualTo(FlowDetail.WITH_LABELS);
    }
    assertThat(FlowDetail.parse(Map.of("include", List.of("labels")))).isEqualTo(FlowDetail.WITH_LABELS);
    assertThat(FlowDetail.WITH_LABELS.labels()).isTrue();
  }

  @Test
  void unknownOrEmptyParts_areRefused_namingWhatIsAllowed() {
    for (String include : List.of("annotations", "labels,", ",labels", "labels,annotations", "labels;names")) {
      assertThatThrownBy(() -> parse(include)).as(include)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("include must list optional parts of a flow, of: labels")
          .hasMessageContaining("'" + include + "'");
    }
  }
}
