package io.smpsim.kernel.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What bb_show_usage() prints for an applet smpsim runs, as Debian 12's busybox 1.35.0 prints
 * it: after getopt's complaint about an option, and for an applet called without what it needs.
 * The texts are the applets' own (resources {@code usage/APPLET.txt}).
 */
public final class BusyboxUsage {

  private BusyboxUsage() {}

  /** The usage text of {@code applet}, ending in a newline. */
  public static String of(String applet) {
    try (InputStream in = BusyboxUsage.class.getResourceAsStream("usage/" + applet + ".txt")) {
      if (in == null) {
        throw new IllegalArgumentException("no busybox usage text for " + applet);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** getopt's complaint {@code message}, then the usage: exit 1. */
  public static ShellJob.Failure refuse(String applet, String message) {
    return new ShellJob.Failure(1, message + "\n" + of(applet));
  }

  /** {@code APPLET: invalid option -- 'c'} and the usage. */
  public static ShellJob.Failure invalidOption(String applet, char c) {
    return refuse(applet, applet + ": invalid option -- '" + c + "'");
  }
}
