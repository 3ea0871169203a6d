package io.networkvisualizer.anomaly;

import java.util.List;
import java.util.Locale;

/** How serious an anomaly is, least to most; set from how far past its threshold it went. */
enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Severity of(String apiName) {
    return valueOf(apiName.toUpperCase(Locale.ROOT));
  }

  /** Most severe first, as the API lists them. */
  static List<String> names() {
    Severity[] all = values();
    String[] names = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      names[i] = all[all.length - 1 - i].apiName();
    }
    return List.of(names);
  }

  Severity max(Severity other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
