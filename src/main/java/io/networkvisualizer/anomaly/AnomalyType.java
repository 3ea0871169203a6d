package io.networkvisualizer.anomaly;

import java.util.Arrays;
import java.util.List;

/** The eight kinds of anomaly the spec lists, with their API names and titles. */
enum AnomalyType {
  TRAFFIC_SPIKE("traffic_spike", "Traffic Spike Detected"),
  TRAFFIC_DROP("traffic_drop", "Traffic Drop Detected"),
  UNUSUAL_PROTOCOL("unusual_protocol", "Unusual Protocol Detected"),
  UNEXPECTED_CONNECTION("unexpected_connection", "Unexpected Connection Detected"),
  HIGH_ERROR_RATE("high_error_rate", "High Error Rate Detected"),
  PORT_SCAN("port_scan", "Port Scan Detected"),
  DATA_EXFILTRATION("data_exfiltration", "Possible Data Exfiltration Detected"),
  DNS_ANOMALY("dns_anomaly", "DNS Anomaly Detected");

  private final String apiName;
  private final String title;

  AnomalyType(String apiName, String title) {
    this.apiName = apiName;
    this.title = title;
  }

  String apiName() {
    return apiName;
  }

  String title() {
    return title;
  }

  static List<String> names() {
    return Arrays.stream(values()).map(AnomalyType::apiName).toList();
  }
}
