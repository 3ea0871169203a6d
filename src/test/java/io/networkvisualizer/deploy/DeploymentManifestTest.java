package io.networkvisualizer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.networkvisualizer.api.ApiServer;
import io.networkvisualizer.api.StatusRoutes;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.ConfigLoader;
import io.networkvisualizer.config.Setting;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.flow.FlowPipeline;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.hubble.HubbleOptions;
import io.networkvisualizer.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment as Kubernetes would read it: {@code deploy/manifests/*.yaml} loaded as Kubernetes objects (fabric8's
 * model), checked against the server they deploy (probe paths answered by the real routes, settings known to the
 * configuration, the Service reaching the container port) and against the security the docs promise; and the
 * Dockerfile, against the manifest.
 */
class DeploymentManifestTest {
  private static final Path MANIFEST = Path.of("deploy/manifests/deployment.yaml");
  private static final Path TLS_PATCH = Path.of("deploy/manifests/hubble-tls-patch.yaml");
  private static final String NAMESPACE = "network-visualizer";
  private static final String RELAY = "hubble-relay.kube-system.svc.cluster.local:80";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Set<String> SETTING_VARIABLES =
      Settings.ALL.stream().map(Setting::env).collect(Collectors.toSet());

  /** Every document of a multi-document YAML file, as the Kubernetes object its kind names. */
  private static List<HasMetadata> load(Path file) throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        KubernetesResource resource = JSON.convertValue(doc, KubernetesResource.class);
        assertThat(resource).as("a Kubernetes object of a known kind: " + doc.path("kind")).isInstanceOf(
            HasMetadata.class);
        objects.add((HasMetadata) resource);
      }
    }
    return objects;
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private static Deployment deployment() throws Exception {
    return one(load(MANIFEST), Deployment.class);
  }

  private static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      assertThat(env).as("environment variable " + var.getName() + " set twice").doesNotContainKey(var.getName());
      env.put(var.getName(), var.getValue());
    }
    return env;
  }

  private static int httpPort(Container container) {
    return container.getPorts().stream().filter(p -> "http".equals(p.getName())).mapToInt(ContainerPort::getContainerPort)
        .findFirst().orElseThrow(() -> new AssertionError("no container port named http"));
  }

  @Test
  void manifest_holdsTheNamespaceServiceAccountDeploymentAndService() throws Exception {
    List<HasMetadata> objects = load(MANIFEST);
    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactly("Namespace", "ServiceAccount", "Deployment", "Service");
    assertThat(one(objects, Namespace.class).getMetadata().getName()).isEqualTo(NAMESPACE);
    for (HasMetadata object : objects) {
      if (!(object instanceof Namespace)) {
        assertThat(object.getMetadata().getNamespace()).as(object.getKind()).isEqualTo(NAMESPACE);
        assertThat(object.getMetadata().getName()).as(object.getKind()).isEqualTo("network-visualizer");
      }
    }
    ServiceAccount account = one(objects, ServiceAccount.class);
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    Deployment deployment = one(objects, Deployment.class);
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("network-visualizer");
    assertThat(container(deployment).getImage()).matches("ghcr\\.io/network-visualizer/network-visualizer:\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void environment_setsOnlyKnownSettings_andStreamsFromRelay() throws Exception {
    Container container = container(deployment());
    Map<String, String> env = env(container);
    assertThat(SETTING_VARIABLES).as("every variable the manifest sets is a setting").containsAll(env.keySet());
    assertThat(env).containsEntry("HUBBLE_ADDR", RELAY).containsKey("ENABLE_FLOWS");

    Config config = ConfigLoader.load(Map.of(), env, null);
    assertThat(config.get(Settings.ENABLE_FLOWS)).isTrue();
    assertThat(config.get(Settings.HUBBLE_ADDR)).as("a Hubble address, so no simulated cluster").isEqualTo(RELAY);
    assertThat(config.get(Settings.PORT)).isEqualTo(httpPort(container));

    // The spec's second step sets what the manifest already has; the result is the same configuration.
    Map<String, String> afterSetEnv = new LinkedHashMap<>(env);
    afterSetEnv.put("ENABLE_FLOWS", "true");
    assertThat(ConfigLoader.load(Map.of(), afterSetEnv, null).get(Settings.ENABLE_FLOWS)).isTrue();
  }

  @Test
  void everyVariableNamedInTheManifests_commentedOnesIncluded_isASetting() throws Exception {
    Pattern name = Pattern.compile("-\\s+name:\\s+([A-Z][A-Z0-9_]+)\\s*$", Pattern.MULTILINE);
    for (Path file : List.of(MANIFEST, TLS_PATCH)) {
      Matcher m = name.matcher(Files.readString(file));
      int found = 0;
      while (m.find()) {
        assertThat(SETTING_VARIABLES).as(file + ": " + m.group(1)).contains(m.group(1));
        found++;
      }
      assertThat(found).as(file.toString()).isPositive();
    }
  }

  @Test
  void probes_pointAtTheServersHealthEndpoints_whichAnswer200Or503() throws Exception {
    Container container = container(deployment());
    Map<String, Probe> probes = new LinkedHashMap<>();
    probes.put("startup", container.getStartupProbe());
    probes.put("liveness", container.getLivenessProbe());
    probes.put("readiness", container.getReadinessProbe());
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");

    AtomicReference<SourceStatus> status = new AtomicReference<>(status(SourceStatus.State.CONNECTING));
    FlowStore store = new FlowStore(10);
    try (ApiServer server = new ApiServer(List.of(new StatusRoutes(status::get, store,
        new FlowPipeline(List.of(store))))).start("127.0.0.1", 0)) {
      Http http = new Http(server.port());
      probes.forEach((kind, probe) -> {
        assertThat(probe).as(kind + " probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(kind + " probe is an HTTP GET").isNotNull();
        assertThat(portNumber(get.getPort(), container)).as(kind + " probe port").isEqualTo(httpPort(container));
        assertThat(http.get(get.getPath()).status()).as(kind + " probe " + get.getPath()).isIn(200, 503);
      });
      assertThat(http.get("/healthz").status()).as("alive while connecting").isEqualTo(200);
      assertThat(http.get("/readyz").status()).as("not ready while connecting").isEqualTo(503);
      status.set(status(SourceStatus.State.STREAMING));
      assertThat(http.get("/readyz").status()).as("ready while streaming").isEqualTo(200);
      status.set(status(SourceStatus.State.BACKING_OFF));
      assertThat(http.get("/readyz").status()).as("not ready while backing off").isEqualTo(503);
      assertThat(http.get("/healthz").status()).as("still alive while backing off").isEqualTo(200);
    }
  }

  private static SourceStatus status(SourceStatus.State state) {
    return new SourceStatus("hubble", RELAY, state, "", Instant.EPOCH, 0, 0, 0, 0, 0, 0, false);
  }

  private static int portNumber(IntOrString port, Container container) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .mapToInt(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
  }

  @Test
  void service_port80_reachesTheContainersHttpPort() throws Exception {
    List<HasMetadata> objects = load(MANIFEST);
    Service service = one(objects, Service.class);
    Deployment deployment = one(objects, Deployment.class);
    Container container = container(deployment);
    assertThat(service.getSpec().getPorts()).hasSize(1);
    ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(port.getPort()).isEqualTo(80);
    assertThat(port.getName()).isEqualTo("http");
    assertThat(portNumber(port.getTargetPort(), container)).isEqualTo(httpPort(container));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
  }

  @Test
  void pod_runsRestricted_nonRoot_readOnly_noPrivilegeEscalation_noCapabilities_seccomp() throws Exception {
    Deployment deployment = deployment();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    SecurityContext c = container(deployment).getSecurityContext();
    assertThat(c.getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getRunAsNonRoot()).isTrue();
    assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(c.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getPrivileged()).isNotEqualTo(Boolean.TRUE);

    VolumeMount tmp = container(deployment).getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
        .findFirst().orElseThrow(() -> new AssertionError("/tmp must be writable: the root filesystem is read-only"));
    Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
    assertThat(volume.getEmptyDir()).isNotNull();
  }

  @Test
  void resources_requestAndLimitMemory() throws Exception {
    var resources = container(deployment()).getResources();
    Quantity request = resources.getRequests().get("memory");
    Quantity limit = resources.getLimits().get("memory");
    assertThat(request).isNotNull();
    assertThat(limit).isNotNull();
    assertThat(resources.getRequests().get("cpu")).isNotNull();
    assertThat(Quantity.getAmountInBytes(limit)).isGreaterThanOrEqualTo(Quantity.getAmountInBytes(request));
  }

  @Test
  void tlsPatch_turnsTlsOn_withTheMountedSecretsFiles(@TempDir Path dir) throws Exception {
    Deployment base = deployment();
    JsonNode patchDoc = new YAMLMapper().readTree(TLS_PATCH.toFile());
    Deployment patch = JSON.convertValue(patchDoc, Deployment.class);
    Container patched = container(patch);
    assertThat(patched.getName()).as("strategic merge matches containers by name").isEqualTo(
        container(base).getName());

    // Strategic merge: env by name over the base's.
    Map<String, String> env = env(container(base));
    env.putAll(env(patched));
    assertThat(SETTING_VARIABLES).containsAll(env.keySet());

    VolumeMount mount = patched.getVolumeMounts().get(0);
    Volume volume = patch.getSpec().getTemplate().getSpec().getVolumes().get(0);
    assertThat(volume.getName()).isEqualTo(mount.getName());
    assertThat(volume.getSecret().getSecretName()).isEqualTo("hubble-relay-client-certs");
    assertThat(mount.getReadOnly()).isTrue();
    for (String file : List.of("HUBBLE_TLS_CA_CERT_FILE", "HUBBLE_TLS_CLIENT_CERT_FILE", "HUBBLE_TLS_CLIENT_KEY_FILE")) {
      assertThat(Path.of(env.get(file)).getParent()).as(file + " lies in the mounted secret")
          .isEqualTo(Path.of(mount.getMountPath()));
    }

    // The files as the secret mount would present them, for the start-up check that they can be read.
    Map<String, String> here = new LinkedHashMap<>(env);
    for (String file : List.of("HUBBLE_TLS_CA_CERT_FILE", "HUBBLE_TLS_CLIENT_CERT_FILE", "HUBBLE_TLS_CLIENT_KEY_FILE")) {
      Path local = dir.resolve(Path.of(env.get(file)).getFileName().toString());
      Files.writeString(local, "placeholder");
      here.put(file, local.toString());
    }
    Config config = ConfigLoader.load(Map.of(), here, null);
    HubbleOptions options = HubbleOptions.from(config);
    assertThat(options.tls()).isTrue();
    assertThat(options.address()).isEqualTo("hubble-relay.kube-system.svc.cluster.local:443");
    assertThat(options.serverName()).endsWith(".hubble-relay.cilium.io");
    assertThat(options.clientCertFile()).isNotNull();
    assertThat(options.clientKeyFile()).isNotNull();
  }

  @Test
  void dockerfile_matchesTheManifest() throws Exception {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Deployment deployment = deployment();
    Container container = container(deployment);
    assertThat(dockerfile).contains("EXPOSE " + httpPort(container));
    assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre");
    assertThat(dockerfile).containsPattern("(?m)^USER " + deployment.getSpec().getTemplate().getSpec()
        .getSecurityContext().getRunAsUser() + ":");
    assertThat(dockerfile).containsPattern(
        "(?m)^ENTRYPOINT \\[\"java\", .*\"-XX:MaxRAMPercentage=75\".*\"-jar\", \"/app/network-visualizer.jar\"]$");
    assertThat(Settings.PORT.defaultValue()).isEqualTo(String.valueOf(httpPort(container)));
    String pom = Files.readString(Path.of("pom.xml"));
    assertThat(pom).as("the jar the image copies").contains("<finalName>network-visualizer</finalName>");
  }
}
