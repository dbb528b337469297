package io.smpsim.app.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key stores made with the JDK's keytool at test time, so no key is ever committed: the
 * cluster's certificate, which every node trusts, and an intruder's, which trusts the cluster
 * but which the cluster does not trust.
 */
final class TestKeystores {

  static final String PASSWORD = "smpsim-test-only";

  private final Path dir;

  private TestKeystores(Path dir) {
    this.dir = dir;
  }

  static TestKeystores generate(Path dir) throws IOException, InterruptedException {
    TestKeystores k = new TestKeystores(dir);
    // The two JVMs run side by side. A key entry's certificate is trusted by the JDK's trust
    // managers, so the node's key store is also the trust store of the cluster and the intruder.
    Process node = k.keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=smpsim-node", "-validity", "2", "-ext", "SAN=ip:127.0.0.1",
        "-keystore", k.nodeKeys().toString());
    Process intruder = k.keytool("-genkeypair", "-alias", "intruder", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=intruder", "-validity", "2",
        "-keystore", k.intruderKeys().toString());
    await(node);
    await(intruder);
    return k;
  }

  Path nodeKeys() {
    return dir.resolve("node.p12");
  }

  Path intruderKeys() {
    return dir.resolve("intruder.p12");
  }

  /** What every node trusts: the cluster's certificate, and nothing else. */
  Path trust() {
    return nodeKeys();
  }

  /** A --config file for Artery over mutually authenticated TLS with {@code keys}. */
  Path config(String name, Path keys) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, """
        pekko.remote.artery {
          transport = tls-tcp
          ssl.config-ssl-engine {
            key-store = "%s"
            trust-store = "%s"
            key-store-password = "%s"
            key-password = "%s"
            trust-store-password = "%s"
            protocol = "TLSv1.3"
            enabled-algorithms = ["TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"]
            require-mutual-authentication = on
          }
        }
        """.formatted(keys, trust(), PASSWORD, PASSWORD, PASSWORD), StandardCharsets.UTF_8);
    return f;
  }

  private Process keytool(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static void await(Process p) throws IOException, InterruptedException {
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool failed: " + output);
    }
  }
}
