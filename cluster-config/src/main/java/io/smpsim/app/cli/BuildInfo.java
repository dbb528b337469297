package io.smpsim.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code smpsim --version}: the version, the git commit the build was made from ({@code -dirty}
 * when the tree had uncommitted changes) and when, from the {@code build.properties} the build
 * writes beside the classes, and the Java that runs it.
 */
public final class BuildInfo implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Unreadable build information is shown as unknown: the version is not worth a failure.
    }
    return new String[] {
        "smpsim " + p.getProperty("version", "unknown") + " (commit "
            + p.getProperty("commit", "unknown") + ", built " + p.getProperty("built", "unknown")
            + ")",
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
            + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"};
  }
}
