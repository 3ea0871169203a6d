package io.networkvisualizer.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line: {@code network-visualizer [serve]} (the server), {@code network-visualizer simulate} (the
 * simulated Hubble server alone) and {@code network-visualizer analyze FILE...} (offline analysis). Every
 * {@link Settings setting} is a flag of each command; {@code --config FILE} names a properties file.
 */
public final class Arguments {
  /** What the user asked for. */
  public enum Command { SERVE, SIMULATE, ANALYZE }

  /**
   * A parsed, validated invocation.
   *
   * @param files the flow log files of {@code analyze}
   * @param withEdges {@code analyze --edges}: print edge metrics too
   */
  public record Invocation(Command command, Config config, List<Path> files, boolean withEdges) {}

  /** The user asked for help or the version; it has been printed. */
  public static final class HelpShown extends RuntimeException {
    HelpShown() {
      super(null, null, false, false);
    }
  }

  private static final Map<String, Setting<?>> SIMULATE_ALIASES = Map.of(
      "--listen", Settings.SIM_LISTEN, "--rate", Settings.SIM_RATE, "--seed", Settings.SIM_SEED);

  private Arguments() {}

  /**
   * Parses {@code args} against {@code env}.
   *
   * @throws ConfigException listing every problem, for bad flags and bad values alike
   * @throws HelpShown when {@code --help} or {@code --version} was asked and answered on {@code out}
   */
  public static Invocation parse(String[] args, Map<String, String> env, PrintWriter out) {
    CommandLine cli = new CommandLine(root());
    ParseResult result;
    try {
      result = cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
    ParseResult leaf = result.subcommand() != null ? result.subcommand() : result;
    CommandLine leafCli = leaf.commandSpec().commandLine();
    if (leaf.isUsageHelpRequested() || result.isUsageHelpRequested()) {
      leafCli.usage(out);
      out.flush();
      throw new HelpShown();
    }
    if (leaf.isVersionHelpRequested() || result.isVersionHelpRequested()) {
      leafCli.printVersionHelp(out);
      out.flush();
      throw new HelpShown();
    }
    Command command = switch (leaf.commandSpec().name()) {
      case "simulate" -> Command.SIMULATE;
      case "analyze" -> Command.ANALYZE;
      default -> Command.SERVE;
    };

    Map<String, String> flags = new LinkedHashMap<>();
    Path configFile = null;
    for (ParseResult level : List.of(result, leaf)) {
      for (OptionSpec option : level.matchedOptions()) {
        String name = option.longestName();
        String value = String.valueOf((Object) option.getValue());
        if (name.equals("--config")) {
          configFile = Path.of(value);
        } else if (SIMULATE_ALIASES.containsKey(name)) {
          flags.put(SIMULATE_ALIASES.get(name).key(), value);
        } else if (option.userObject() instanceof Setting<?> setting) {
          flags.put(setting.key(), value);
        }
      }
    }
    List<Path> files = new ArrayList<>();
    if (command == Command.ANALYZE) {
      for (String file : leaf.matchedPositionalValue(0, new String[0])) {
        files.add(Path.of(file));
      }
    }
    boolean withEdges = leaf.hasMatchedOption("--edges");
    return new Invocation(command, ConfigLoader.load(flags, env, configFile), files, withEdges);
  }

  private static CommandSpec root() {
    CommandSpec root = command("network-visualizer",
        "Live Kubernetes network flow visualization from Cilium Hubble. With no --hubble-addr it starts an "
            + "embedded simulated cluster.");
    root.addSubcommand("serve", command("serve", "Start the server (the default command)."));
    CommandSpec simulate = command("simulate", "Start the simulated Hubble server alone (observer.Observer over gRPC).");
    SIMULATE_ALIASES.forEach((alias, setting) -> simulate.addOption(OptionSpec.builder(alias)
        .paramLabel("<" + setting.key() + ">")
        .description("same as " + setting.flag())
        .type(String.class)
        .build()));
    root.addSubcommand("simulate", simulate);
    CommandSpec analyze = command("analyze",
        "Read Hubble jsonpb flow logs, run the pipeline in event time, print the anomalies as one JSON array (the "
            + "/api/flows/anomalies shape) on stdout and a summary on stderr. Exit 0 done, 1 no file could be read, "
            + "2 bad usage.");
    analyze.addOption(OptionSpec.builder("--edges")
        .description("also print edge metrics: the output becomes {\"anomalies\":[...],\"edges\":[...]}, the edges "
            + "being the /api/flows/metrics items at the workload level")
        .arity("0").type(boolean.class).build());
    analyze.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1..*").type(String[].class)
        .description("Hubble jsonpb flow logs (plain or .gz)").build());
    root.addSubcommand("analyze", analyze);
    return root;
  }

  private static CommandSpec command(String name, String description) {
    CommandSpec spec = CommandSpec.create().name(name).mixinStandardHelpOptions(true);
    spec.usageMessage().description(description);
    spec.version("network-visualizer " + Version.current());
    spec.addOption(OptionSpec.builder("--config").paramLabel("FILE")
        .description("properties file of settings (flags and environment override it)").type(String.class).build());
    for (Setting<?> setting : Settings.ALL) {
      boolean isBoolean = setting.defaultValue().equals("true") || setting.defaultValue().equals("false");
      OptionSpec.Builder option = OptionSpec.builder(setting.flag())
          .paramLabel("<" + setting.key() + ">")
          .description(setting.description() + " (default: "
              + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue()) + "; env " + setting.env() + ")")
          .type(String.class)
          .userObject(setting);
      if (isBoolean) {
        option.arity("0..1").fallbackValue("true");
      }
      spec.addOption(option.build());
    }
    return spec;
  }
}
