package io.networkvisualizer.source.simulator;

import io.networkvisualizer.source.hubble.proto.flow.Endpoint;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.FlowFilter;
import io.networkvisualizer.source.hubble.proto.flow.HTTP;
import io.networkvisualizer.source.hubble.proto.flow.Layer4;
import io.networkvisualizer.source.hubble.proto.flow.Service;
import io.networkvisualizer.source.hubble.proto.flow.TCPFlags;
import io.networkvisualizer.source.hubble.proto.flow.Workload;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Hubble's flow filters, as its observer applies them: the fields of one {@link FlowFilter} are AND-ed, the filters of
 * a list are OR-ed, and a flow passes when it matches the whitelist (or the whitelist is empty) and no filter of the
 * blacklist. Each field matches as Hubble's does: pods and services in {@code namespace/prefix} form, IPs exactly or by
 * CIDR, labels by selector, FQDNs with {@code *} wildcards, HTTP paths, URLs and DNS queries by regular expression,
 * status codes exactly or by {@code 5+} prefix, node names by glob.
 */
final class FlowFilters {
  private FlowFilters() {}

  /**
   * The predicate a request's whitelist and blacklist make.
   *
   * @throws IllegalArgumentException naming the field and the value that cannot be understood
   */
  static Predicate<Flow> compile(List<FlowFilter> whitelist, List<FlowFilter> blacklist) {
    List<Predicate<Flow>> white = new ArrayList<>();
    for (FlowFilter f : whitelist) {
      white.add(compile(f));
    }
    List<Predicate<Flow>> black = new ArrayList<>();
    for (FlowFilter f : blacklist) {
      black.add(compile(f));
    }
    if (white.isEmpty() && black.isEmpty()) {
      return flow -> true;
    }
    return flow -> {
      if (!white.isEmpty()) {
        boolean any = false;
        for (Predicate<Flow> p : white) {
          if (p.test(flow)) {
            any = true;
            break;
          }
        }
        if (!any) {
          return false;
        }
      }
      for (Predicate<Flow> p : black) {
        if (p.test(flow)) {
          return false;
        }
      }
      return true;
    };
  }

  /** One filter: every field it sets must match. */
  @SuppressWarnings("deprecation") // the deprecated reply flag is what older producers set instead of is_reply
  static Predicate<Flow> compile(FlowFilter f) {
    List<Predicate<Flow>> all = new ArrayList<>();
    if (f.getUuidCount() > 0) {
      List<String> uuids = f.getUuidList();
      all.add(flow -> uuids.contains(flow.getUuid()));
    }
    if (f.getVerdictCount() > 0) {
      List<Integer> verdicts = f.getVerdictValueList();
      all.add(flow -> verdicts.contains(flow.getVerdictValue()));
    }
    if (f.getDropReasonDescCount() > 0) {
      List<Integer> reasons = f.getDropReasonDescValueList();
      all.add(flow -> reasons.contains(flow.getDropReasonDescValue()));
    }
    if (f.getReplyCount() > 0) {
      List<Boolean> replies = f.getReplyList();
      all.add(flow -> replies.contains(flow.hasIsReply() ? flow.getIsReply().getValue() : flow.getReply()));
    }
    if (f.getSourceIdentityCount() > 0) {
      List<Integer> ids = f.getSourceIdentityList();
      all.add(flow -> ids.contains(flow.getSource().getIdentity()));
    }
    if (f.getDestinationIdentityCount() > 0) {
      List<Integer> ids = f.getDestinationIdentityList();
      all.add(flow -> ids.contains(flow.getDestination().getIdentity()));
    }
    if (f.getProtocolCount() > 0) {
      all.add(protocol(f.getProtocolList()));
    }
    if (f.getSourceIpCount() > 0) {
      all.add(ips("source_ip", f.getSourceIpList(), flow -> flow.getIP().getSource()));
    }
    if (f.getDestinationIpCount() > 0) {
      all.add(ips("destination_ip", f.getDestinationIpList(), flow -> flow.getIP().getDestination()));
    }
    if (f.getSourcePodCount() > 0) {
      all.add(namespaced("source_pod", f.getSourcePodList(),
          flow -> flow.getSource().getNamespace(), flow -> flow.getSource().getPodName()));
    }
    if (f.getDestinationPodCount() > 0) {
      all.add(namespaced("destination_pod", f.getDestinationPodList(),
          flow -> flow.getDestination().getNamespace(), flow -> flow.getDestination().getPodName()));
    }
    if (f.getSourceWorkloadCount() > 0) {
      all.add(workloads(f.getSourceWorkloadList(), Flow::getSource));
    }
    if (f.getDestinationWorkloadCount() > 0) {
      all.add(workloads(f.getDestinationWorkloadList(), Flow::getDestination));
    }
    if (f.getSourceServiceCount() > 0) {
      all.add(namespaced("source_service", f.getSourceServiceList(),
          flow -> service(flow.getSourceService(), true), flow -> service(flow.getSourceService(), false)));
    }
    if (f.getDestinationServiceCount() > 0) {
      all.add(namespaced("destination_service", f.getDestinationServiceList(),
          flow -> service(flow.getDestinationService(), true), flow -> service(flow.getDestinationService(), false)));
    }
    if (f.getSourceFqdnCount() > 0) {
      all.add(fqdns("source_fqdn", f.getSourceFqdnList(), Flow::getSourceNamesList));
    }
    if (f.getDestinationFqdnCount() > 0) {
      all.add(fqdns("destination_fqdn", f.getDestinationFqdnList(), Flow::getDestinationNamesList));
    }
    if (f.getSourceLabelCount() > 0) {
      all.add(labels("source_label", f.getSourceLabelList(), flow -> flow.getSource().getLabelsList()));
    }
    if (f.getDestinationLabelCount() > 0) {
      all.add(labels("destination_label", f.getDestinationLabelList(), flow -> flow.getDestination().getLabelsList()));
    }
    if (f.getNodeLabelsCount() > 0) {
      all.add(labels("node_labels", f.getNodeLabelsList(), Flow::getNodeLabelsList));
    }
    if (f.getSourceClusterNameCount() > 0) {
      List<String> names = f.getSourceClusterNameList();
      all.add(flow -> names.contains(flow.getSource().getClusterName()));
    }
    if (f.getDestinationClusterNameCount() > 0) {
      List<String> names = f.getDestinationClusterNameList();
      all.add(flow -> names.contains(flow.getDestination().getClusterName()));
    }
    if (f.getSourcePortCount() > 0) {
      all.add(ports("source_port", f.getSourcePortList(), true));
    }
    if (f.getDestinationPortCount() > 0) {
      all.add(ports("destination_port", f.getDestinationPortList(), false));
    }
    if (f.getTrafficDirectionCount() > 0) {
      List<Integer> directions = f.getTrafficDirectionValueList();
      all.add(flow -> directions.contains(flow.getTrafficDirectionValue()));
    }
    if (f.getIpVersionCount() > 0) {
      List<Integer> versions = f.getIpVersionValueList();
      all.add(flow -> flow.hasIP() && versions.contains(flow.getIP().getIpVersionValue()));
    }
    if (f.getTcpFlagsCount() > 0) {
      all.add(tcpFlags(f.getTcpFlagsList()));
    }
    if (f.getHttpStatusCodeCount() > 0) {
      all.add(statusCodes(f.getHttpStatusCodeList()));
    }
    if (f.getHttpMethodCount() > 0) {
      List<String> methods = f.getHttpMethodList();
      all.add(flow -> {
        HTTP http = flow.getL7().getHttp();
        if (!flow.getL7().hasHttp() || http.getMethod().isEmpty()) {
          return false;
        }
        for (String m : methods) {
          if (m.equalsIgnoreCase(http.getMethod())) {
            return true;
          }
        }
        return false;
      });
    }
    if (f.getHttpPathCount() > 0) {
      List<Pattern> paths = regexes("http_path", f.getHttpPathList());
      all.add(flow -> {
        if (!flow.getL7().hasHttp() || flow.getL7().getHttp().getUrl().isEmpty()) {
          return false;
        }
        String path;
        try {
          path = URI.create(flow.getL7().getHttp().getUrl()).getRawPath();
        } catch (IllegalArgumentException e) {
          return false;
        }
        return path != null && anyFind(paths, path);
      });
    }
    if (f.getHttpUrlCount() > 0) {
      List<Pattern> urls = regexes("http_url", f.getHttpUrlList());
      all.add(flow -> flow.getL7().hasHttp() && !flow.getL7().getHttp().getUrl().isEmpty()
          && anyFind(urls, flow.getL7().getHttp().getUrl()));
    }
    if (f.getDnsQueryCount() > 0) {
      List<Pattern> queries = regexes("dns_query", f.getDnsQueryList());
      all.add(flow -> flow.getL7().hasDns() && anyFind(queries, flow.getL7().getDns().getQuery()));
    }
    if (f.getNodeNameCount() > 0) {
      all.add(nodeNames(f.getNodeNameList()));
    }
    if (f.getTraceIdCount() > 0) {
      // The simulated flows carry no trace context, so a trace id never matches.
      all.add(flow -> false);
    }
    if (all.isEmpty()) {
      return flow -> true;
    }
    return flow -> {
      for (Predicate<Flow> p : all) {
        if (!p.test(flow)) {
          return false;
        }
      }
      return true;
    };
  }

  private static String service(Service s, boolean namespace) {
    return namespace ? s.getNamespace() : s.getName();
  }

  /** {@code namespace/prefix}; a bare name means the {@code default} namespace, as in Hubble. */
  private static Predicate<Flow> namespaced(String field, List<String> names, Function<Flow, String> namespaceOf,
      Function<Flow, String> nameOf) {
    List<String[]> parsed = new ArrayList<>();
    for (String name : names) {
      int slash = name.indexOf('/');
      String ns;
      String prefix;
      if (slash >= 0) {
        ns = name.substring(0, slash);
        String rest = name.substring(slash + 1);
        int second = rest.indexOf('/');
        prefix = second >= 0 ? rest.substring(0, second) : rest;
      } else {
        ns = name.isEmpty() ? "" : "default";
        prefix = name;
      }
      if (ns.isEmpty() && prefix.isEmpty()) {
        throw new IllegalArgumentException("invalid " + field + " filter, must be [namespace/][<name>], got '"
            + name + "'");
      }
      parsed.add(new String[] {ns, prefix});
    }
    return flow -> {
      String ns = namespaceOf.apply(flow);
      String name = nameOf.apply(flow);
      if (ns.isEmpty() && name.isEmpty()) {
        return false;
      }
      for (String[] p : parsed) {
        if (p[0].equals(ns) && (p[1].isEmpty() || name.startsWith(p[1]))) {
          return true;
        }
      }
      return false;
    };
  }

  private static Predicate<Flow> workloads(List<Workload> filters, Function<Flow, Endpoint> endpointOf) {
    return flow -> {
      for (Workload w : endpointOf.apply(flow).getWorkloadsList()) {
        for (Workload f : filters) {
          if ((f.getName().isEmpty() || f.getName().equals(w.getName()))
              && (f.getKind().isEmpty() || f.getKind().equals(w.getKind()))) {
            return true;
          }
        }
      }
      return false;
    };
  }

  private static Predicate<Flow> protocol(List<String> protocols) {
    List<String> names = new ArrayList<>();
    for (String p : protocols) {
      String name = p.toLowerCase(Locale.ROOT);
      switch (name) {
        case "tcp", "udp", "sctp", "icmp", "icmpv4", "icmpv6", "http", "dns", "kafka" -> names.add(name);
        default -> throw new IllegalArgumentException("invalid protocol filter: unknown protocol '" + p + "'");
      }
    }
    return flow -> {
      Layer4 l4 = flow.getL4();
      for (String name : names) {
        boolean hit = switch (name) {
          case "tcp" -> l4.hasTCP();
          case "udp" -> l4.hasUDP();
          case "sctp" -> l4.hasSCTP();
          case "icmp" -> l4.hasICMPv4() || l4.hasICMPv6();
          case "icmpv4" -> l4.hasICMPv4();
          case "icmpv6" -> l4.hasICMPv6();
          case "http" -> flow.getL7().hasHttp();
          case "dns" -> flow.getL7().hasDns();
          default -> flow.getL7().hasKafka();
        };
        if (hit) {
          return true;
        }
      }
      return false;
    };
  }

  /** Exact addresses, or CIDR ranges such as {@code 10.244.0.0/16}. */
  private static Predicate<Flow> ips(String field, List<String> values, Function<Flow, String> ipOf) {
    List<String> exact = new ArrayList<>();
    List<byte[][]> cidrs = new ArrayList<>();
    for (String value : values) {
      int slash = value.indexOf('/');
      if (slash >= 0) {
        byte[] network = parseIp(field, value.substring(0, slash), value);
        int bits;
        try {
          bits = Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid CIDR in " + field + " filter: '" + value + "'");
        }
        if (bits < 0 || bits > network.length * 8) {
          throw new IllegalArgumentException("invalid CIDR in " + field + " filter: '" + value + "'");
        }
        byte[] mask = new byte[network.length];
        for (int i = 0; i < bits; i++) {
          mask[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        cidrs.add(new byte[][] {network, mask});
      } else {
        parseIp(field, value, value);
        exact.add(value);
      }
    }
    return flow -> {
      String ip = ipOf.apply(flow);
      if (ip.isEmpty()) {
        return false;
      }
      if (exact.contains(ip)) {
        return true;
      }
      if (cidrs.isEmpty()) {
        return false;
      }
      byte[] address = literal(ip);
      if (address == null) {
        return false;
      }
      for (byte[][] cidr : cidrs) {
        byte[] network = cidr[0];
        byte[] mask = cidr[1];
        if (network.length != address.length) {
          continue;
        }
        boolean in = true;
        for (int i = 0; i < network.length && in; i++) {
          in = (address[i] & mask[i]) == (network[i] & mask[i]);
        }
        if (in) {
          return true;
        }
      }
      return false;
    };
  }

  private static byte[] parseIp(String field, String ip, String original) {
    byte[] address = literal(ip);
    if (address == null) {
      throw new IllegalArgumentException("invalid IP address in " + field + " filter: '" + original + "'");
    }
    return address;
  }

  /** The bytes of an IPv4 or IPv6 literal, or null; never a DNS lookup. */
  private static byte[] literal(String ip) {
    if (ip.indexOf(':') >= 0) {
      try {
        return InetAddress.getByName(ip.startsWith("[") ? ip : "[" + ip + "]").getAddress();
      } catch (UnknownHostException | SecurityException e) {
        return null;
      }
    }
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
        return null;
      }
      int octet = Integer.parseInt(parts[i]);
      if (octet > 255) {
        return null;
      }
      out[i] = (byte) octet;
    }
    return out;
  }

  /** Hubble's FQDN patterns: case-insensitive, {@code *} for any run of name characters, a trailing dot ignored. */
  private static Predicate<Flow> fqdns(String field, List<String> patterns, Function<Flow, List<String>> namesOf) {
    List<Pattern> compiled = new ArrayList<>();
    for (String raw : patterns) {
      String p = raw.toLowerCase(Locale.ROOT).trim();
      if (p.endsWith(".")) {
        p = p.substring(0, p.length() - 1);
      }
      if (!p.matches("[-a-zA-Z0-9_.*]+")) {
        throw new IllegalArgumentException("invalid " + field + " filter '" + raw
            + "': only alphanumeric ASCII characters, the hyphen \"-\", \".\" and \"*\" are allowed");
      }
      compiled.add(Pattern.compile("^" + p.replace(".", "[.]").replace("*", "[-a-zA-Z0-9_.]*") + "$"));
    }
    return flow -> {
      for (String name : namesOf.apply(flow)) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (Pattern p : compiled) {
          if (p.matcher(n).matches()) {
            return true;
          }
        }
      }
      return false;
    };
  }

  private static Predicate<Flow> labels(String field, List<String> selectors, Function<Flow, List<String>> labelsOf) {
    List<LabelSelector> compiled = new ArrayList<>();
    for (String s : selectors) {
      try {
        compiled.add(LabelSelector.parse(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid " + field + " filter: " + e.getMessage(), e);
      }
    }
    return flow -> {
      List<String> labels = labelsOf.apply(flow);
      for (LabelSelector s : compiled) {
        if (s.matches(labels)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Predicate<Flow> ports(String field, List<String> values, boolean source) {
    List<Integer> ports = new ArrayList<>();
    for (String v : values) {
      try {
        int port = Integer.parseInt(v.trim());
        if (port < 0 || port > 65535) {
          throw new NumberFormatException();
        }
        ports.add(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid " + field + " filter: invalid port '" + v + "'");
      }
    }
    return flow -> {
      Layer4 l4 = flow.getL4();
      int port;
      if (l4.hasTCP()) {
        port = source ? l4.getTCP().getSourcePort() : l4.getTCP().getDestinationPort();
      } else if (l4.hasUDP()) {
        port = source ? l4.getUDP().getSourcePort() : l4.getUDP().getDestinationPort();
      } else if (l4.hasSCTP()) {
        port = source ? l4.getSCTP().getSourcePort() : l4.getSCTP().getDestinationPort();
      } else {
        return false;
      }
      return ports.contains(port);
    };
  }

  /** A flow matches a flags filter when it has every flag the filter sets; any filter of the list will do. */
  private static Predicate<Flow> tcpFlags(List<TCPFlags> filters) {
    return flow -> {
      if (!flow.getL4().hasTCP() || !flow.getL4().getTCP().hasFlags()) {
        return false;
      }
      TCPFlags have = flow.getL4().getTCP().getFlags();
      for (TCPFlags want : filters) {
        if ((want.getFIN() && !have.getFIN()) || (want.getSYN() && !have.getSYN())
            || (want.getRST() && !have.getRST()) || (want.getPSH() && !have.getPSH())
            || (want.getACK() && !have.getACK()) || (want.getURG() && !have.getURG())
            || (want.getECE() && !have.getECE()) || (want.getCWR() && !have.getCWR())
            || (want.getNS() && !have.getNS())) {
          continue;
        }
        return true;
      }
      return false;
    };
  }

  /** {@code 200} exactly, or {@code 5+} / {@code 40+} by prefix; only responses carry a code. */
  private static Predicate<Flow> statusCodes(List<String> values) {
    List<String> full = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String v : values) {
      if (v.matches("[1-5][0-9]{2}")) {
        full.add(v);
      } else if (v.matches("[1-5][0-9]?\\+")) {
        prefixes.add(v.substring(0, v.length() - 1));
      } else {
        throw new IllegalArgumentException("invalid http_status_code filter: invalid status code prefix '" + v
            + "'");
      }
    }
    return flow -> {
      if (!flow.getL7().hasHttp() || flow.getL7().getHttp().getCode() == 0) {
        return false;
      }
      String code = String.format(Locale.ROOT, "%03d", flow.getL7().getHttp().getCode());
      if (full.contains(code)) {
        return true;
      }
      for (String p : prefixes) {
        if (code.startsWith(p)) {
          return true;
        }
      }
      return false;
    };
  }

  /** Node names by glob ({@code sim-node-*}), optionally {@code cluster/node}; names without a cluster are in {@code default}. */
  private static Predicate<Flow> nodeNames(List<String> patterns) {
    StringBuilder regex = new StringBuilder("^(?:");
    for (int i = 0; i < patterns.size(); i++) {
      String p = patterns.get(i);
      if (!p.matches("[-0-9a-z.*/]+") || p.chars().filter(c -> c == '/').count() > 1) {
        throw new IllegalArgumentException("invalid node_name filter '" + p + "'");
      }
      if (i > 0) {
        regex.append('|');
      }
      int slash = p.indexOf('/');
      String cluster = slash >= 0 ? p.substring(0, slash) : "";
      String node = slash >= 0 ? p.substring(slash + 1) : p;
      regex.append(cluster.isEmpty() ? "[-0-9a-z.]+" : glob(cluster)).append('/');
      regex.append(node.isEmpty() ? "[-0-9a-z.]+" : glob(node));
    }
    Pattern compiled = Pattern.compile(regex.append(")$").toString());
    return flow -> {
      String name = flow.getNodeName();
      if (name.isEmpty()) {
        return false;
      }
      if (name.indexOf('/') < 0) {
        name = Cluster.CLUSTER_NAME + "/" + name;
      }
      return compiled.matcher(name).matches();
    };
  }

  private static String glob(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '*' -> out.append("[-0-9a-z]*");
        case '.' -> out.append("\\.");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static List<Pattern> regexes(String field, List<String> values) {
    List<Pattern> out = new ArrayList<>();
    for (String v : values) {
      try {
        out.add(Pattern.compile(v));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid " + field + " filter '" + v + "': " + e.getDescription());
      }
    }
    return out;
  }

  private static boolean anyFind(List<Pattern> patterns, String text) {
    for (Pattern p : patterns) {
      if (p.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }
}
