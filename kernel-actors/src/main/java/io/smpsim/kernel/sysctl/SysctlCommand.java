package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.sim.SimMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox {@code sysctl} (procps/sysctl.c): {@code sysctl [-n] [-e] [-w] KEY[=VALUE]...} and
 * {@code sysctl -a}. Keys use dots or slashes below /proc/sys; a read prints
 * {@code key = value}, a write prints {@code key = value} once the kernel took it. Errors are
 * busybox's: {@code sysctl: error: 'kernel.x' is an unknown key}, and a refused write dies with
 * {@code sysctl: write error: Invalid argument}.
 */
public final class SysctlCommand implements ShellJob {

  private final boolean names;
  private final boolean write;
  private final List<String> settings;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  private int exit;
  private int next;
  private String pendingKey;
  private String pendingValue;

  private SysctlCommand(boolean names, boolean write, List<String> settings) {
    this.names = names;
    this.write = write;
    this.settings = settings;
  }

  /** Parses the arguments (busybox's getopt "+neAapw": options stop at the first key). */
  public static ShellJob parse(List<String> args) {
    boolean n = false;
    boolean w = false;
    boolean all = false;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      for (char c : args.get(i).substring(1).toCharArray()) {
        switch (c) {
          case 'n' -> n = true;
          case 'e' -> { }
          case 'w' -> w = true;
          case 'a', 'A' -> all = true;
          default -> {
            return new Usage("sysctl: invalid option -- '" + c + "'");
          }
        }
      }
      i++;
    }
    List<String> rest = new ArrayList<>(args.subList(i, args.size()));
    if (all) {
      rest.clear();
      for (String name : Sysctl.NAMES) {
        rest.add("kernel." + name);
      }
      w = false;
    } else if (rest.isEmpty()) {
      return new Usage("");
    }
    return new SysctlCommand(!n, w, rest);
  }

  @Override
  public void start(JobContext jc) {
    advance(jc);
  }

  private void advance(JobContext jc) {
    while (next < settings.size()) {
      String setting = settings.get(next++);
      String key = setting;
      String value = null;
      if (write) {
        int eq = setting.indexOf('=');
        if (eq < 0) {
          err.append("sysctl: error: '").append(dotted(setting))
              .append("' must be of the form name=value\n");
          exit = 1;
          continue;
        }
        key = setting.substring(0, eq);
        value = setting.substring(eq + 1);
        if (key.isEmpty() || value.isEmpty()) {
          err.append("sysctl: error: malformed setting '").append(dotted(setting)).append("'\n");
          exit = 1;
          continue;
        }
      }
      String dotted = dotted(key);
      String file = kernelFile(dotted);
      if (file == null) {
        err.append("sysctl: error: '").append(dotted).append("' is an unknown key\n");
        exit = 1;
        continue;
      }
      pendingKey = dotted;
      pendingValue = value;
      if (write) {
        // busybox writes the value without a newline.
        jc.send(jc.layout().sysctl(), new Sysctl.Write(jc.jobId(), file, value));
      } else {
        jc.send(jc.layout().sysctl(), new Sysctl.Read(jc.jobId(), file));
      }
      return;
    }
    jc.finish(exit, out.toString(), err.toString());
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (!(body instanceof Sysctl.Answer a)) {
      return;
    }
    if (write) {
      if (a.error() != null) {
        // xwrite() dies on the first failed write.
        err.append("sysctl: write error: ").append(a.error().text()).append('\n');
        jc.finish(1, out.toString(), err.toString());
        return;
      }
      out.append(names ? pendingKey + " = " : "").append(pendingValue).append('\n');
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

  /** sysctl without a key: busybox's usage text, exit 1. */
  record Usage(String error) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      String usage = "BusyBox v1.36.1 multi-call binary.\n\n"
          + "Usage: sysctl [-enq] { -a | -p [FILE]... | [-w] [KEY[=VALUE]]... }\n\n"
          + "Show/set kernel parameters\n";
      jc.finish(1, "", (error.isEmpty() ? "" : error + "\n") + usage);
    }
  }
}
