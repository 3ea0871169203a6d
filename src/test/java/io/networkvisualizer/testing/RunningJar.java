package io.networkvisualizer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar ({@code -Dapp.jar}, set by failsafe) started as a real process on a free port, its log captured.
 * For end-to-end tests of what a user runs.
 */
public final class RunningJar implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)/");

  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final int port;

  private RunningJar(List<String> args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("app.jar", "target/network-visualizer.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the built jar is missing: " + jar + " (run the package phase first)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString(),
        "--port=0", "--host=127.0.0.1"));
    command.addAll(args);
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          log.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "jar-log");
    reader.setDaemon(true);
    reader.start();
    port = awaitPort();
  }

  /** Starts the jar with these extra arguments and waits until it listens. */
  public static RunningJar start(String... args) throws Exception {
    return new RunningJar(List.of(args));
  }

  private int awaitPort() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (String line : log) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the jar exited with " + process.exitValue() + ":\n" + String.join("\n", log));
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the jar did not start listening within 60 s:\n" + String.join("\n", log));
  }

  public int port() {
    return port;
  }

  public List<String> log() {
    return List.copyOf(log);
  }

  public Process process() {
    return process;
  }

  /** Sends SIGTERM and waits for the exit; returns the exit code, or -1 if it had to be killed. */
  public int terminate(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor();
    return -1;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate(10);
    }
  }
}
