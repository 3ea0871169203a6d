package io.networkvisualizer.flow;

/** A Kubernetes service a flow was addressed to or came from. */
public record ServiceRef(String namespace, String name) {
  public ServiceRef {
    namespace = Strings.orEmpty(namespace);
    name = Strings.orEmpty(name);
  }
}
