package io.networkvisualizer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "checkout-7d4b9c6f5-x2k4f, checkout",
      "productpage-v1-6b746f74dc-9rcxx, productpage-v1",
      "ratings-v1-b6994bb9-jgqxb, ratings-v1",
      "coredns-558bd4d5db-w2m67, coredns",
      "postgres-0, postgres",
      "kafka-12, kafka",
      "node-local-dns-88zrp, node-local-dns",
      "web-frontend, web-frontend",
      "standalone, standalone",
      "api-abcde, api-abcde",
  })
  void workloadComesFromThePodNameByKubernetesNaming(String pod, String workload) {
    assertThat(Workloads.fromPodName(pod)).isEqualTo(workload);
  }
}
