package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox {@code sysctl} (procps/sysctl.c, as Debian 12's 1.35.0 runs it):
 * {@code sysctl [-enq] [-w] KEY[=VALUE]...}, {@code sysctl -a} and {@code sysctl -p [FILE]...}.
 * Keys use dots or slashes below /proc/sys; a read prints {@code key = value}; a setting with
 * {@code =} is a write with or without {@code -w}, printed as {@code key = value} once the
 * kernel took it ({@code -q}: not printed); an empty value opens the file and writes nothing.
 * Errors are busybox's: {@code sysctl: error: 'kernel.x' is an unknown key} ({@code -e}: not
 * said, still status 1), and a refused write dies with {@code sysctl: write error: Invalid
 * argument}. Without a key it does nothing, as 1.35 does.
 */
public final class SysctlCommand implements ShellJob {

  private final boolean names;
  private final boolean write;
  private final boolean keyErrors;
  private final boolean quiet;
  private final List<String> settings;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  private int exit;
  private int next;
  private String pendingKey;
  private String pendingValue;

  private SysctlCommand(boolean names, boolean write, boolean keyErrors, boolean quiet,
      List<String> settings) {
    this.names = names;
    this.write = write;
    this.keyErrors = keyErrors;
    this.quiet = quiet;
    this.settings = settings;
  }

  /** Parses the arguments (busybox's getopt "+neAapwq": options stop at the first key). */
  public static ShellJob parse(List<String> args) {
    Options o = Options.parse("sysctl", args, "+neAapwq", 1);
    if (o.failure() != null) {
      return o.failure();
    }
    boolean n = o.has('n');
    boolean w = o.has('w');
    boolean e = o.has('e');
    boolean q = o.has('q');
    boolean all = o.has('a') || o.has('A');
    boolean preload = o.has('p');
    List<String> rest = new ArrayList<>(o.operands());
    if (preload) {
      // The initramfs has no /etc/sysctl.conf, nor any other file smpsim could read.
      StringBuilder missing = new StringBuilder();
      for (String f : rest.isEmpty() ? List.of("/etc/sysctl.conf") : rest) {
        missing.append("sysctl: ").append(f).append(": No such file or directory\n");
      }
      return new ShellJob.Done(0, "", missing.toString());
    }
    if (all) {
      rest.clear();
      for (String name : Sysctl.NAMES) {
        rest.add("kernel." + name);
      }
      w = false;
    }
    return new SysctlCommand(!n, w, !e, q, rest);
  }

  @Override
  public void start(JobContext jc) {
    advance(jc);
  }

  private void advance(JobContext jc) {
    while (next < settings.size()) {
      String setting = settings.get(next++);
      int eq = setting.indexOf('=');
      // A setting with '=' is a write, -w or not (sysctl_act_on_setting()).
      boolean writing = write || eq >= 0;
      String key = setting;
      String value = null;
      if (writing) {
        if (eq < 0) {
          err.append("sysctl: error: '").append(dotted(setting))
              .append("' must be of the form name=value\n");
          exit = 1;
          continue;
        }
        key = setting.substring(0, eq);
        value = setting.substring(eq + 1);
        if (key.isEmpty()) {
          err.append("sysctl: error: malformed setting '").append(dotted(setting)).append("'\n");
          exit = 1;
          continue;
        }
      }
      String dotted = dotted(key);
      String file = kernelFile(dotted);
      if (file == null) {
        if (keyErrors) {
          err.append("sysctl: error: '").append(dotted).append("' is an unknown key\n");
        }
        exit = 1;
        continue;
      }
      if (writing && Sysctl.readOnly(file)) {
        // The open for writing is refused (EACCES): sysctl_act_on_setting()'s perror.
        err.append("sysctl: error setting key '").append(dotted)
            .append("': Permission denied\n");
        exit = 1;
        continue;
      }
      pendingKey = dotted;
      pendingValue = value;
      if (writing && value.isEmpty()) {
        // The file is opened and nothing is written: no store method runs.
        wrote();
        continue;
      }
      if (writing) {
        // busybox writes the value without a newline.
        jc.send(jc.layout().sysctl(), new Sysctl.Write(jc.jobId(), file, value));
      } else {
        jc.send(jc.layout().sysctl(), new Sysctl.Read(jc.jobId(), file));
      }
      return;
    }
    jc.finish(exit, out.toString(), err.toString());
  }

  /** A write the kernel took: {@code key = value} unless quiet. */
  private void wrote() {
    if (!quiet) {
      out.append(names ? pendingKey + " = " : "").append(pendingValue).append('\n');
    }
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (!(body instanceof Sysctl.Answer a)) {
      return;
    }
    if (pendingValue != null) {
      if (a.error() != null) {
        // xwrite() dies on the first failed write.
        err.append("sysctl: write error: ").append(a.error().text()).append('\n');
        jc.finish(1, out.toString(), err.toString());
        return;
      }
      wrote();
    } else {
      String text = a.text();
      String prefix = names ? pendingKey + " = " : "";
      int from = 0;
      while (from < text.length()) {
        int nl = text.indexOf('\n', from);
        int end = nl < 0 ? text.length() : nl;
        out.append(prefix).append(text, from, end).append('\n');
        from = end + 1;
      }
    }
    advance(jc);
  }

  private static String dotted(String key) {
    return key.replace('/', '.');
  }

  /** The /proc/sys/kernel file of a dotted key, or null. */
  private static String kernelFile(String dotted) {
    if (!dotted.startsWith("kernel.")) {
      return null;
    }
    String name = dotted.substring("kernel.".length());
    return Sysctl.NAMES.contains(name) ? name : null;
  }
}
