package io.smpsim.app.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A cluster of worker processes ({@code smpsim node}) on 127.0.0.1, for tests: the first starts
 * the cluster on a port of its choosing and says which, the others join it. Every worker stops
 * by itself if the test JVM dies ({@code --stop-on-eof}).
 */
public final class WorkerProcesses implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(120);
  private static final Pattern ADDRESS = Pattern.compile("node (pekko://smpsim@[0-9.:]+) is up");

  private final List<SmpsimProcess> workers = new ArrayList<>();
  private final List<String> addresses = new ArrayList<>();

  private WorkerProcesses() {}

  /**
   * Starts {@code n} workers, their output in {@code dir}; {@code firstOptions} go to the first
   * one's command line only (its metrics port, say).
   */
  public static WorkerProcesses start(Path dir, int n, String... firstOptions) {
    WorkerProcesses w = new WorkerProcesses();
    Runtime.getRuntime().addShutdownHook(new Thread(w::close));
    List<String> first = new ArrayList<>(List.of("node", "--port", "0", "--stop-on-eof"));
    first.addAll(List.of(firstOptions));
    w.workers.add(SmpsimProcess.start(dir, "worker0", first.toArray(String[]::new)));
    w.addresses.add(w.workers.get(0).awaitStderr(ADDRESS.pattern(), START));
    for (int i = 1; i < n; i++) {
      w.workers.add(SmpsimProcess.start(dir, "worker" + i, "node", "--port", "0",
          "--seed-nodes", w.seed(), "--stop-on-eof"));
    }
    for (int i = 1; i < n; i++) {
      w.addresses.add(w.workers.get(i).awaitStderr(ADDRESS.pattern(), START));
    }
    return w;
  }

  /** The workers' cluster addresses, {@code pekko://smpsim@host:port}, in start order. */
  public List<String> addresses() {
    return addresses;
  }

  /** Worker {@code i}. */
  SmpsimProcess worker(int i) {
    return workers.get(i);
  }

  /** {@code host:port} of the first worker, what a client's {@code --cluster} names. */
  public String seed() {
    return hostPort(addresses.get(0));
  }

  /** The {@code host:port} of a cluster address. */
  public static String hostPort(String address) {
    return address.substring(address.indexOf('@') + 1);
  }

  @Override
  public void close() {
    workers.forEach(SmpsimProcess::close);
  }
}
