package io.networkvisualizer.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.flow.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded interners behind {@link JsonpbFlowReader}: sharing, correctness and the cap. */
class InternersTest {

  private static void text(EndpointInterner e, String field, String value) {
    char[] chars = ("xx" + value).toCharArray(); // an offset, as the parser's buffer has
    switch (field) {
      case "namespace" -> e.namespace(chars, 2, value.length());
      case "pod" -> e.podName(chars, 2, value.length());
      case "cluster" -> e.cluster(chars, 2, value.length());
      case "label" -> e.label(chars, 2, value.length());
      case "workload" -> e.workloadName(chars, 2, value.length());
      case "kind" -> e.workloadKind(chars, 2, value.length());
      default -> throw new IllegalArgumentException(field);
    }
  }

  private static Endpoint pod(EndpointInterner e, String namespace, String pod, String... labels) {
    e.begin();
    e.id(7);
    e.identity(1234);
    text(e, "namespace", namespace);
    text(e, "pod", pod);
    for (String label : labels) {
      text(e, "label", label);
    }
    text(e, "workload", "web");
    text(e, "kind", "Deployment");
    return e.end();
  }

  @Test
  void sameFields_giveTheSameInstance() {
    EndpointInterner e = new EndpointInterner(64, new TextInterner(64, 256));

    Endpoint first = pod(e, "shop", "web-1", "k8s:app=web");
    Endpoint second = pod(e, "shop", "web-1", "k8s:app=web");

    assertThat(second).isSameAs(first);
    assertThat(first).isEqualTo(new Endpoint(7, 1234, "", "shop", "web-1", List.of("k8s:app=web"), "web", "Deployment"));
    assertThat(e.size()).isEqualTo(1);
  }

  @Test
  void fieldsThatDifferInAnyWay_giveDifferentEndpoints() {
    EndpointInterner e = new EndpointInterner(64, new TextInterner(64, 256));

    Endpoint a = pod(e, "shop", "web-1", "k8s:app=web");
    Endpoint b = pod(e, "shop", "web-1", "k8s:app=web", "k8s:tier=front");
    Endpoint c = pod(e, "sho", "pweb-1", "k8s:app=web"); // same characters, other boundaries
    Endpoint d = pod(e, "shop", "web-1", "k8s:app=we", "b");

    assertThat(List.of(a, b, c, d)).doesNotHaveDuplicates();
    assertThat(c.namespace()).isEqualTo("sho");
    assertThat(c.podName()).isEqualTo("pweb-1");
    assertThat(d.labels()).containsExactly("k8s:app=we", "b");
  }

  @Test
  void noFields_givesTheUnknownEndpoint() {
    EndpointInterner e = new EndpointInterner(64, new TextInterner(64, 256));
    e.begin();

    assertThat(e.end()).isSameAs(Endpoint.UNKNOWN);
  }

  @Test
  void manyDistinctEndpoints_stayWithinTheCapacity_andCountReplacements() {
    EndpointInterner e = new EndpointInterner(64, new TextInterner(64, 256));

    for (int i = 0; i < 10_000; i++) {
      Endpoint endpoint = pod(e, "scan", "pod-" + i);
      assertThat(endpoint.podName()).isEqualTo("pod-" + i);
    }

    assertThat(e.size()).isLessThanOrEqualTo(64);
    assertThat(e.replaced()).isGreaterThanOrEqualTo(10_000 - 64);
  }

  @Test
  void textInterner_sharesEqualStrings_andStaysBounded() {
    TextInterner t = new TextInterner(16, 8);
    char[] a = "xx10.0.0.1".toCharArray();

    String first = t.intern(a, 2, 8);
    String second = t.intern("10.0.0.1");

    assertThat(first).isEqualTo("10.0.0.1").isSameAs(second);
    assertThat(t.intern("a-very-long-value")).isEqualTo("a-very-long-value"); // longer than 8: not cached
    assertThat(t.intern(a, 0, 0)).isEmpty();
    assertThat(t.capacity()).isEqualTo(16);
    for (int i = 0; i < 1000; i++) {
      assertThat(t.intern("v" + i)).isEqualTo("v" + i);
    }
  }
}
