package io.networkvisualizer.testing;

import java.util.List;

/**
 * Hand-written jsonpb lines for what the real samples lack (drops with policies, unknown enum values, ICMP, measured
 * bytes, 64-bit integers as strings, camelCase keys, oversized strings), each one a line as Hubble would write it.
 */
public final class HandWrittenLines {
  private HandWrittenLines() {}

  /** Joins a text block into one line (JSON allows the indentation left between tokens). */
  public static String oneLine(String block) {
    return block.strip().replace("\n", "");
  }

  public static final String POLICY_DROP = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:00.000000001Z","uuid":"5f0e1c2a-9d7b-4a51-8d0e-2b7f3c9a1e44",
       "verdict":"DROPPED","drop_reason":133,
       "ethernet":{"source":"aa:bb:cc:dd:ee:ff","destination":"ff:ee:dd:cc:bb:aa"},
       "IP":{"source":"10.0.0.5","destination":"10.0.1.9","ipVersion":"IPv4"},
       "l4":{"TCP":{"source_port":40000,"destination_port":5432,"flags":{"SYN":true}}},
       "source":{"ID":42,"identity":12345,"cluster_name":"prod","namespace":"shop",
         "labels":["k8s:app=checkout","k8s:io.kubernetes.pod.namespace=shop"],"pod_name":"checkout-7d4b9c6f5-x2k4f",
         "workloads":[{"name":"checkout","kind":"Deployment"},{"name":"ignored","kind":"ReplicaSet"}]},
       "destination":{"identity":23456,"cluster_name":"prod","namespace":"db","labels":["k8s:app=postgres"],
         "pod_name":"postgres-0","workloads":[{"name":"postgres","kind":"StatefulSet"}]},
       "Type":"L3_L4","node_name":"node-a","event_type":{"type":1,"sub_type":133},
       "destination_service":{"name":"postgres","namespace":"db"},
       "traffic_direction":"EGRESS","policy_match_type":0,"trace_observation_point":"FROM_ENDPOINT",
       "drop_reason_desc":"POLICY_DENIED","is_reply":false,
       "egress_denied_by":[{"name":"deny-db","namespace":"shop","labels":["k8s:io.cilium.k8s.policy.name=deny-db"],
         "revision":"7"}],
       "ingress_denied_by":[{"name":"cluster-lockdown","kind":"CiliumClusterwideNetworkPolicy","revision":"2"}],
       "Summary":"TCP Flags: SYN"},
       "node_name":"node-a","time":"2024-03-01T12:00:00.000000001Z"}
      """);

  public static final String UNKNOWN_VERDICT_NAME = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:01Z","verdict":"QUARANTINED",
       "IP":{"source":"10.0.0.5","destination":"10.0.1.9"},"l4":{"UDP":{"source_port":5353,"destination_port":53}},
       "Type":"L3_L4","traffic_direction":"SIDEWAYS","trace_observation_point":"TO_STACK"},
       "node_name":"node-b","time":"2024-03-01T12:00:01Z"}
      """);

  public static final String UNKNOWN_VERDICT_NUMBER = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:02.5Z","verdict":15,"Type":2,"traffic_direction":1,
       "trace_observation_point":101,"l7":{"type":3}},"node_name":"node-b"}
      """);

  public static final String UNKNOWN_DROP_REASON = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:03Z","verdict":"DROPPED","drop_reason":205,
       "drop_reason_desc":"SOMETHING_CILIUM_2030_ADDED",
       "IP":{"source":"10.0.0.5","destination":"10.0.1.9"}},"node_name":"node-c"}
      """);

  public static final String UNKNOWN_DROP_REASON_NUMBER = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:03Z","verdict":"DROPPED","drop_reason_desc":250},"node_name":"node-c"}
      """);

  public static final String ICMP_V4 = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:04Z","verdict":"FORWARDED",
       "IP":{"source":"10.0.0.5","destination":"8.8.8.8","ipVersion":"IPv4"},
       "l4":{"ICMPv4":{"type":8}},
       "source":{"ID":42,"identity":12345,"cluster_name":"prod","namespace":"shop",
         "labels":["k8s:app=checkout","k8s:io.kubernetes.pod.namespace=shop"],"pod_name":"checkout-7d4b9c6f5-x2k4f",
         "workloads":[{"name":"checkout","kind":"Deployment"}]},
       "destination":{"identity":2,"labels":["reserved:world"]},"destination_names":["dns.google"],
       "Type":"L3_L4","node_name":"node-a","traffic_direction":"EGRESS","is_reply":false}}
      """);

  public static final String ICMP_V6_REPLY = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:04.000001Z","verdict":"FORWARDED",
       "IP":{"source":"fd00::1","destination":"fd00::2","ipVersion":"IPv6"},
       "l4":{"ICMPv6":{"type":129,"code":0}},"is_reply":true,"reply":true},"node_name":"node-a"}
      """);

  public static final String RETINA_STRUCT = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:05Z","verdict":"FORWARDED",
       "IP":{"source":"10.0.0.5","destination":"10.0.1.9"},
       "l4":{"TCP":{"source_port":40000,"destination_port":8080,"flags":{"PSH":true,"ACK":true}}},
       "extensions":{"@type":"type.googleapis.com/google.protobuf.Struct",
         "value":{"bytes":1500,"dns_type":0,"num_responses":0,"previously_observed_bytes":30000,
           "previously_observed_packets":20,"previously_observed_tcp_flags":{"ACK":20},"tcp_id":123456}}},
       "node_name":"node-a"}
      """);

  public static final String STRUCT_WITHOUT_BYTES = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:06Z","verdict":"FORWARDED",
       "extensions":{"@type":"type.googleapis.com/google.protobuf.Struct","value":{"team":"payments"}}}}
      """);

  /** 64-bit integers as strings, some beyond double precision; uint32 as a string too. */
  public static final String SIXTY_FOUR_BIT_STRINGS = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:07.123456789Z","verdict":"FORWARDED","drop_reason":"0",
       "l4":{"TCP":{"source_port":"443","destination_port":50000}},
       "l7":{"type":"RESPONSE","latency_ns":"9007199254740993",
         "http":{"code":200,"method":"GET","url":"https://api.example.com/v1/items?page=2","protocol":"HTTP/2"}},
       "socket_cookie":"18446744073709551615","cgroup_id":"4294967296","Type":"L7",
       "is_reply":true,"node_name":"node-a"}}
      """);

  /** The lowerCamelCase JSON names protobuf parsers accept as well as the field names. */
  public static final String CAMEL_CASE_KEYS = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:08Z","verdict":"FORWARDED","dropReasonDesc":"POLICY_DENY",
       "IP":{"source":"10.0.0.5","destination":"10.0.1.10"},
       "l4":{"SCTP":{"sourcePort":36412,"destinationPort":38412}},
       "source":{"clusterName":"edge","namespace":"ran","podName":"amf-0"},
       "sourceNames":["amf.ran.svc"],"sourceService":{"name":"amf","namespace":"ran"},
       "trafficDirection":"INGRESS","traceObservationPoint":"TO_ENDPOINT","isReply":false,
       "ingressDeniedBy":[{"name":"sctp-only","namespace":"ran"}],"nodeName":"node-d"},"nodeName":"node-e"}
      """);

  public static final String OVERSIZED_URL = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:09Z","verdict":"FORWARDED","Type":"L7",
       "l7":{"type":"REQUEST","http":{"method":"GET","url":"https://evil.example.com/URL_PLACEHOLDER",
         "protocol":"HTTP/1.1"}}}}
      """).replace("URL_PLACEHOLDER", "a".repeat(5000));

  public static final String DNS_RESPONSE = oneLine("""
      {"flow":{"time":"2024-03-01T12:00:10Z","verdict":"FORWARDED","Type":"L7",
       "l4":{"UDP":{"source_port":53,"destination_port":41000}},
       "l7":{"type":"RESPONSE","latency_ns":"250000","dns":{"query":"api.example.com.","ips":["1.2.3.4","1.2.3.5",
         "2001:db8::1"],"ttl":300,"cnames":["edge.example.net."],"observation_source":"proxy","rcode":0,
         "qtypes":["A","AAAA"],"rrtypes":["A","A","AAAA"]}},"is_reply":true}}
      """);

  /** Every enveloped flow line above: protobuf's JsonFormat reads them all. */
  public static final List<String> ENVELOPED = List.of(POLICY_DROP, UNKNOWN_VERDICT_NAME, UNKNOWN_VERDICT_NUMBER,
      UNKNOWN_DROP_REASON, UNKNOWN_DROP_REASON_NUMBER, ICMP_V4, ICMP_V6_REPLY, RETINA_STRUCT, STRUCT_WITHOUT_BYTES,
      SIXTY_FOUR_BIT_STRINGS, CAMEL_CASE_KEYS, OVERSIZED_URL, DNS_RESPONSE);

  /** A bare flow object, as {@code hubble observe -o json} printed before Hubble CLI 0.11. */
  public static final String BARE_FLOW = oneLine("""
      {"time":"2020-11-02T10:11:12.131415161Z","verdict":"FORWARDED",
       "IP":{"source":"10.0.0.5","destination":"10.0.1.9","ipVersion":"IPv4"},
       "l4":{"TCP":{"source_port":40000,"destination_port":80,"flags":{"SYN":true,"ACK":true}}},
       "source":{"ID":42,"identity":12345,"namespace":"shop","labels":["k8s:app=checkout"],"pod_name":"checkout-1"},
       "destination":{"ID":43,"identity":12346,"namespace":"shop","labels":["k8s:app=web"],"pod_name":"web-1"},
       "Type":"L3_L4","node_name":"node-old","reply":false,"traffic_direction":"EGRESS","Summary":"TCP Flags: SYN, ACK"}
      """);

  public static final String LOST_EVENTS = oneLine("""
      {"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"37","cpu":1},
       "node_name":"node-a","time":"2024-03-01T12:00:11Z"}
      """);

  public static final String NODE_STATUS = oneLine("""
      {"node_status":{"state_change":"NODE_UNAVAILABLE","node_names":["node-f","node-g"],
       "message":"connection refused"},"time":"2024-03-01T12:00:12Z"}
      """);
}
