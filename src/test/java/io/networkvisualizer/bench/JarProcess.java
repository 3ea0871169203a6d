package io.networkvisualizer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar started as its own process (the server, or {@code simulate}), its output captured, waited on until a
 * line matches a pattern whose first group is the port it listens on.
 */
final class JarProcess implements AutoCloseable {
  static final Pattern SERVER_LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");
  static final Pattern SIMULATOR_LISTENING = Pattern.compile("simulated Hubble server listening on [^ ]*:(\\d+)");

  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final int port;

  private JarProcess(List<String> command, Pattern ready) throws Exception {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (log.size() < 10_000) {
            log.add(line);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "jar-log");
    reader.setDaemon(true);
    reader.start();
    port = awaitPort(ready);
  }

  static JarProcess start(Path jar, List<String> jvm, List<String> args, Pattern ready) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvm);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return new JarProcess(command, ready);
  }

  /** Starts a main class of this harness's own classpath (test scope) as a process of its own. */
  static JarProcess startMain(List<String> jvm, Class<?> main, List<String> args, Pattern ready) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvm);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    return new JarProcess(command, ready);
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private int awaitPort(Pattern ready) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      for (String line : log) {
        Matcher m = ready.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the jar exited with " + process.exitValue() + ":\n" + String.join("\n", log));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the jar did not start within 90 s:\n" + String.join("\n", log));
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** CPU time (user + system) the process has used so far. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  List<String> log() {
    return List.copyOf(log);
  }

  /** Runs a JDK tool against this process (e.g. {@code jcmd PID GC.run}) and returns its output. */
  String jcmd(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of(jdkTool("jcmd"), Long.toString(pid())));
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
