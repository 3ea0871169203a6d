package io.networkvisualizer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.networkvisualizer.metrics.GraphQuery.Level;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphQueryTest {
  @Test
  void levelsParseInAnyCaseAndNothingElse() {
    assertThat(Level.parse("Workload")).isEqualTo(Level.WORKLOAD);
    assertThatThrownBy(() -> Level.parse("foo")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level must be one of pod, workload, namespace (was 'foo')");
  }

  @Test
  void namespacesMustBeKubernetesNames() {
    assertThat(new GraphQuery(Level.POD, Set.of("kube-system", "a1"), Map.of(), true).namespaces())
        .containsExactly("a1", "kube-system");
    assertThatThrownBy(() -> new GraphQuery(Level.POD, Set.of("Bad_NS!"), Map.of(), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(was 'Bad_NS!')");
  }

  @Test
  void labelsMustBeKubernetesLabels() {
    assertThat(new GraphQuery(Level.POD, Set.of(), Map.of("app.kubernetes.io/name", "cart", "tier", ""), true)
        .labels()).containsEntry("app.kubernetes.io/name", "cart");
    assertThatThrownBy(() -> new GraphQuery(Level.POD, Set.of(), Map.of("app", "x y"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label value");
    assertThatThrownBy(() -> new GraphQuery(Level.POD, Set.of(), Map.of("-app", "x"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label key");
  }
}
