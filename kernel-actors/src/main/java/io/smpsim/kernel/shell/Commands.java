package io.smpsim.kernel.shell;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.CommandParser;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.ShellJob.Done;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.TextFilter;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.kernel.core.VfsFile;
import io.smpsim.kernel.printk.Klog;
import io.smpsim.kernel.printk.LogLine;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * The shell's parser, with busybox ash's spelling of errors (the shell of the real-kernel
 * recordings): its builtins {@code cat}, {@code echo} with {@code >} / {@code >>} redirection
 * into procfs and sysfs, {@code printf > FILE}, {@code grep}, {@code true}, {@code false}, the
 * applets {@code ls}, {@code ps}, {@code head} and {@code date}, and pipelines into
 * {@code grep} and {@code head}; every
 * other command is one a subsystem registered ({@code dmesg}, {@code nproc}, {@code sysctl},
 * smpsim's {@code inject}, {@code ip}/{@code tc}).
 */
public final class Commands {

  private Commands() {}

  /**
   * Parses a line the shell reads into its job: a command list ({@link ListJob}) or one command,
   * {@code $?} being {@code status} and {@code $!} {@code lastBackground}.
   */
  public static ShellJob parseLine(String line, int status, String lastBackground, String cwd,
      KernelTables tables, MachineConfig config) {
    if (ForLoop.is(line)) {
      return ForLoop.parse(line, status, lastBackground);
    }
    String one = line;
    if (!compound(line)) {
      List<String> parts = ShellWords.list(line);
      if (parts.size() > 1) {
        return new ListJob(parts, status);
      }
      // A list of one command: its trailing ';' is gone.
      one = parts.isEmpty() ? "" : parts.get(0);
    }
    return parse(ShellWords.expand(one, status, lastBackground), cwd, tables, config);
  }

  /** Parses one command (or pipeline) into its job; relative paths start at {@code cwd}. */
  public static ShellJob parse(String line, String cwd, KernelTables tables,
      MachineConfig config) {
    String op = compound(line) ? null : ShellWords.unsupportedOperator(line);
    if ("&".equals(op) && startsOwnBackgroundJob(line, tables)) {
      op = null;
    }
    if (op != null && op.length() > 1 && op.charAt(0) == '$' && op.charAt(1) != '(') {
      return new Failure(2, "sh: '" + op + "' is not supported: smpsim's shell has no"
          + " variables but $? (the last command's exit status), $! (the last background job's"
          + " pid) and a for loop's");
    }
    if (op != null) {
      String why = switch (op) {
        case "&" -> "smpsim's shell runs in the background only its busy loop"
            + " (while :; do :; done &, or pinned: taskset -c LIST sh -c 'while :; do :; done' &)";
        case "<" -> "smpsim's shell redirects no input";
        default -> "smpsim's shell has no command substitution";
      };
      return new Failure(2, "sh: '" + op + "' is not supported: " + why);
    }
    List<String> words = ShellWords.split(line);
    if (words.isEmpty()) {
      return new Done(0, "", "");
    }
    int pipe = words.indexOf(ShellWords.PIPE);
    if (pipe >= 0) {
      return pipeline(words, pipe, cwd, tables, config);
    }
    return simple(words, line, true, cwd, tables, config);
  }

  /**
   * Whether the line's one {@code &} ends it and its command starts the background job itself
   * ({@link io.smpsim.kernel.core.Registry#background}).
   */
  private static boolean startsOwnBackgroundJob(String line, KernelTables tables) {
    String t = line.strip();
    if (!t.endsWith("&") || t.endsWith("&&")) {
      return false;
    }
    String body = t.substring(0, t.length() - 1);
    if (ShellWords.unsupportedOperator(body) != null) {
      return false;
    }
    try {
      List<String> words = ShellWords.split(body);
      return !words.isEmpty() && tables.background(words.get(0));
    } catch (IllegalArgumentException unparsable) {
      return false;
    }
  }

  /**
   * Whether the line opens with one of ash's compound-command reserved words ({@code while},
   * {@code until}, {@code for}, {@code if}, {@code case}): their syntax has its own {@code ;}
   * and {@code &}, so the command registered for the word (the user loop's {@code while}) reads
   * the whole line, or the line is not found.
   */
  private static boolean compound(String line) {
    String t = line.strip();
    int end = 0;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    return switch (t.substring(0, end)) {
      case "while", "until", "for", "if", "case" -> true;
      default -> false;
    };
  }

  /**
   * {@code CMD | grep ... | head ...}: the filters smpsim runs after a command are greps and
   * heads reading their standard input.
   */
  private static ShellJob pipeline(List<String> words, int pipe, String cwd,
      KernelTables tables, MachineConfig config) {
    List<PipeJob.Filter> filters = new java.util.ArrayList<>();
    int from = pipe + 1;
    while (from <= words.size()) {
      int next = words.subList(from, words.size()).indexOf(ShellWords.PIPE);
      int to = next < 0 ? words.size() : from + next;
      List<String> stage = words.subList(from, to);
      if (stage.isEmpty()) {
        return new Failure(2, "sh: syntax error: unexpected " + (to < words.size()
            ? "\"|\"" : "end of file"));
      }
      List<String> args = stage.subList(1, stage.size());
      if (stage.get(0).equals("head")) {
        Head head = Head.parse(args);
        if (head.error() != null) {
          return head.error();
        }
        if (!head.files().isEmpty()) {
          return new Failure(2, "sh: a 'head' in a pipeline reads its standard input:"
              + " give it no FILE");
        }
        filters.add(new PipeJob.HeadFilter(head.filter(), head.headers()));
        from = to + 1;
        continue;
      }
      if (stage.get(0).equals("tail")) {
        Tail tail = Tail.parse(args);
        if (tail.error() != null) {
          return tail.error();
        }
        if (!tail.files().isEmpty()) {
          return new Failure(2, "sh: a 'tail' in a pipeline reads its standard input:"
              + " give it no FILE");
        }
        filters.add(new PipeJob.Text(tail.filter()));
        from = to + 1;
        continue;
      }
      if (stage.get(0).equals("wc")) {
        Wc wc = Wc.parse(args);
        if (wc.error() != null) {
          return wc.error();
        }
        if (!wc.files().isEmpty()) {
          return new Failure(2, "sh: a 'wc' in a pipeline reads its standard input:"
              + " give it no FILE");
        }
        filters.add(new PipeJob.Text(wc.filter()));
        from = to + 1;
        continue;
      }
      var text = TEXT_APPLETS.get(stage.get(0));
      if (text != null) {
        TextCommand t = text.apply(args);
        if (t.error() != null) {
          return t.error();
        }
        if (!t.files().isEmpty()) {
          return new Failure(2, "sh: a '" + t.applet() + "' in a pipeline reads its standard"
              + " input: give it no FILE");
        }
        filters.add(new PipeJob.Text(t.filter()));
        from = to + 1;
        continue;
      }
      if (!stage.get(0).equals("grep")) {
        return new Failure(2, "sh: only pipelines into grep, head, tail, wc, cut, sort, uniq and"
            + " tr are supported");
      }
      Object g = GrepArgs.parse(args);
      if (g instanceof ShellJob failure) {
        return failure;
      }
      GrepArgs grep = (GrepArgs) g;
      if (!grep.files().isEmpty()) {
        return new Failure(2, "sh: a 'grep' in a pipeline reads its standard input:"
            + " give it no FILE");
      }
      filters.add(new PipeJob.GrepFilter(grep.grep(), grep.quiet()));
      from = to + 1;
    }
    List<String> head = words.subList(0, pipe);
    if (head.isEmpty()) {
      return new Failure(2, "sh: syntax error: unexpected \"|\"");
    }
    return new PipeJob(simple(head, ShellWords.text(head), false, cwd, tables, config),
        filters);
  }

  /** A command without pipes; {@code tty}: its stdout is the console rather than a pipe. */
  private static ShellJob simple(List<String> words, String line, boolean tty, String cwd,
      KernelTables tables, MachineConfig config) {
    int redirect = Math.max(words.indexOf(ShellWords.REDIRECT),
        words.indexOf(ShellWords.APPEND));
    if (redirect >= 0) {
      if (redirect != words.size() - 2) {
        return new Failure(2, "sh: syntax error: bad redirection");
      }
      String path = words.get(redirect + 1);
      List<String> cmd = words.subList(0, redirect);
      if (!cmd.isEmpty() && cmd.get(0).equals("printf")) {
        Printf p = Printf.of(cmd.subList(1, cmd.size()));
        if (!p.error().isEmpty()) {
          return new Failure(p.exit() == 0 ? 1 : p.exit(), p.error());
        }
        return redirectEcho(p.text(), path, cwd, tables, config);
      }
      if (cmd.isEmpty() || !cmd.get(0).equals("echo")) {
        return new Failure(2, "sh: only 'echo ... > FILE' and 'printf FORMAT > FILE'"
            + " redirections are supported");
      }
      return redirectEcho(Echo.text(cmd.subList(1, cmd.size())), path, cwd, tables, config);
    }
    String name = words.get(0);
    List<String> args = words.subList(1, words.size());
    return switch (name) {
      case "cat" -> cat(args, cwd, tables, config);
      case "echo" -> new Done(0, Echo.text(args), "");
      case "printf" -> printf(args);
      case "grep" -> grep(args, cwd, tables, config);
      case "ls" -> LsJob.parse(args, tty);
      case "head" -> Head.parse(args).job();
      case "tail" -> Tail.parse(args).job();
      case "wc" -> Wc.parse(args).job();
      case "date" -> Date.parse(args);
      case "ps" -> new PsJob();
      case "uname" -> Uname.parse(args);
      case "sync" -> Sync.parse(args, cwd, tables, config);
      case "true", ":" -> new Done(0, "", "");
      case "false" -> new Done(1, "", "");
      default -> TEXT_APPLETS.containsKey(name) ? TEXT_APPLETS.get(name).apply(args).job()
          : registered(name, args, line, tables, config);
    };
  }

  /** The text applets that read files or their standard input in a pipeline alike. */
  private static final java.util.Map<String, java.util.function.Function<List<String>,
      TextCommand>> TEXT_APPLETS = java.util.Map.of("cut", Cut::parse, "sort", Sort::parse,
          "uniq", Uniq::parse, "tr", Tr::parse);

  /**
   * The applets and builtins the shell itself runs (the ones no subsystem registers), for the
   * session's help and completion; {@code BuiltinsTest} checks that each runs.
   */
  public static final List<String> BUILTINS = List.of("cat", "cut", "date", "echo", "false",
      "grep", "head", "ls", "printf", "ps", "sort", "sync", "tail", "tr", "true", "uname", "uniq",
      "wc");

  /** A command a subsystem registered: a verb of it first ("inject resume-busywait"). */
  private static ShellJob registered(String name, List<String> args, String line,
      KernelTables tables, MachineConfig config) {
    if (!args.isEmpty()) {
      CommandParser verb = tables.command(name + " " + args.get(0));
      if (verb != null) {
        return verb.parse(args.subList(1, args.size()), line, config);
      }
    }
    CommandParser command = tables.command(name);
    if (command == null) {
      return new Failure(127, "sh: " + name + ": not found");
    }
    return command.parse(args, line, config);
  }

  /** printf FORMAT [ARG...] to the console; a bad number is said on stderr, status 1. */
  private static ShellJob printf(List<String> args) {
    Printf p = Printf.of(args);
    return new Done(p.exit(), p.text(), p.error());
  }

  private static ShellJob redirectEcho(String text, String typed, String cwd,
      KernelTables tables, MachineConfig config) {
    // Messages name the file as typed; the kernel sees it from the working directory.
    String path = Vfs.resolve(cwd, typed);
    VfsFile f = Vfs.lookup(path, tables, config);
    if (f == null) {
      // open(O_WRONLY|O_CREAT): EISDIR on a directory; creating a file is EACCES in sysfs
      // (kernfs) and ENOENT in procfs, which ash words "nonexistent directory" (errmsg()).
      String reason = Vfs.isDirectory(path, tables, config) ? "Is a directory"
          : path.startsWith("/sys/") && Vfs.directoryExists(path, tables, config)
          ? "Permission denied" : "nonexistent directory";
      return new Failure(1, "sh: can't create " + typed + ": " + reason);
    }
    ShellJob w = f.write(text);
    if (w == null && path.startsWith("/proc/") && !Vfs.isProcSys(path)) {
      // Root opens a read-only procfs file for writing (CAP_DAC_OVERRIDE); the write finds no
      // proc_write and is EIO (fs/proc/inode.c proc_reg_write). A read-only sysctl or sysfs
      // attribute refuses the open itself (proc_sys_permission, kernfs_fop_open).
      return text.isEmpty() ? new Done(0, "", "")
          : new Failure(1, "sh: write error: Input/output error");
    }
    if (w == null) {
      return new Failure(1, "sh: can't create " + typed + ": Permission denied");
    }
    // echo -n: the shell opens the file and writes nothing, so no store method runs and the
    // value stays as it was (busybox echo only write()s when it has bytes).
    return text.isEmpty() ? new Done(0, "", "") : w;
  }

  private static ShellJob cat(List<String> words, String cwd, KernelTables tables,
      MachineConfig config) {
    // getopt32("nbvteA"): the options come before the files.
    int i = 0;
    String opts = "";
    while (i < words.size() && words.get(i).startsWith("-") && words.get(i).length() > 1) {
      if (words.get(i).equals("--")) {
        i++;
        break;
      }
      for (char c : words.get(i).substring(1).toCharArray()) {
        if ("nbvteA".indexOf(c) < 0) {
          return io.smpsim.kernel.core.BusyboxUsage.invalidOption("cat", c);
        }
        opts += c;
      }
      i++;
    }
    List<String> args = words.subList(i, words.size());
    ShellJob plain = catFiles(args, cwd, tables, config);
    if (opts.isEmpty() || plain instanceof Failure) {
      return plain;
    }
    boolean all = opts.indexOf('A') >= 0;
    TextFilter.Cat filter = new TextFilter.Cat(opts.indexOf('n') >= 0, opts.indexOf('b') >= 0,
        all || opts.indexOf('t') >= 0, all || opts.indexOf('e') >= 0, all
        || opts.replaceAll("[nb]", "").length() > 0);
    return new PipeJob(plain, List.of(new PipeJob.Text(filter)));
  }

  private static ShellJob catFiles(List<String> args, String cwd, KernelTables tables,
      MachineConfig config) {
    if (args.isEmpty()) {
      return new Failure(1, "cat: reading standard input is not supported");
    }
    if (args.size() == 1) {
      String path = Vfs.resolve(cwd, args.get(0));
      VfsFile f = Vfs.lookup(path, tables, config);
      if (f == null && Vfs.isDirectory(path, tables, config)) {
        return new Failure(1, "cat: read error: Is a directory");
      }
      if (f == null) {
        return new Failure(1, "cat: can't open '" + args.get(0) + "': No such file or directory");
      }
      return f.read(TextFilter.IDENTITY);
    }
    return new CatJob(args);
  }

  private static ShellJob grep(List<String> args, String cwd, KernelTables tables,
      MachineConfig config) {
    Object g = GrepArgs.parse(args);
    if (g instanceof ShellJob failure) {
      return failure;
    }
    GrepArgs grep = (GrepArgs) g;
    if (grep.files().size() != 1) {
      return new Failure(2, grep.files().isEmpty()
          ? "grep: reading standard input is not supported" : "grep: smpsim's grep reads one FILE");
    }
    String file = grep.files().get(0);
    String path = Vfs.resolve(cwd, file);
    VfsFile f = Vfs.lookup(path, tables, config);
    if (f == null && Vfs.isDirectory(path, tables, config)) {
      // A directory reads as nothing: no line selected, and nothing said.
      String none = grep.quiet() ? "" : grep.grep().apply("");
      return new Done(grep.grep().exit(grep.grep().apply("")), none, "");
    }
    if (f == null) {
      return new Failure(2, "grep: " + file + ": No such file or directory");
    }
    if (grep.quiet()) {
      return new PipeJob(f.read(TextFilter.IDENTITY),
          List.of(new PipeJob.GrepFilter(grep.grep(), true)));
    }
    return f.read(grep.grep());
  }

  /** Whether regcomp() takes {@code pattern} (as far as Java's regex syntax tells). */
  static boolean compiles(String pattern) {
    try {
      java.util.regex.Pattern.compile(pattern);
      return true;
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  /**
   * busybox dmesg [-cr] [-n LEVEL] [-s SIZE] (util-linux/dmesg.c): print the buffer; -c
   * (SYSLOG_ACTION_READ_CLEAR) then clears it, -r keeps each line's {@code <level>} prefix,
   * -n sets console_loglevel (SYSLOG_ACTION_CONSOLE_LEVEL) and prints nothing; -s sizes the
   * read buffer, which smpsim's never outgrows.
   */
  static ShellJob dmesg(List<String> args) {
    // getopt32("cs:+n:+r"): -s and -n take xatoi_positive() numbers.
    io.smpsim.kernel.core.Options o = io.smpsim.kernel.core.Options.parse("dmesg", args,
        "cs:n:r", 1);
    if (o.failure() != null) {
      return o.failure();
    }
    for (char c : new char[] {'s', 'n'}) {
      String v = o.value(c);
      if (v != null && !v.matches("\\d{1,9}")) {
        return new Failure(1, "dmesg: invalid number '" + v + "'");
      }
    }
    String level = o.value('n');
    return level != null ? new ConsoleLevelJob(Integer.parseInt(level))
        : new DmesgJob(o.has('c'), o.has('r'));
  }

  /** dmesg -n: klogctl(8, NULL, level), through the sysctl entity that holds kernel.printk. */
  record ConsoleLevelJob(int level) implements ShellJob {
    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().sysctl(), new io.smpsim.kernel.sysctl.Sysctl.SyslogConsoleLevel(
          jc.jobId(), level));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof io.smpsim.kernel.sysctl.Sysctl.Answer a) {
        if (a.error() != null) {
          jc.fail(1, "dmesg: klogctl: " + a.error().text());
        } else {
          jc.ok("");
        }
      }
    }
  }

  /** dmesg: the kernel log buffer. */
  static final class DmesgJob implements ShellJob {
    private final boolean clear;
    private final boolean raw;

    DmesgJob(boolean clear, boolean raw) {
      this.clear = clear;
      this.raw = raw;
    }

    @Override
    public void start(JobContext jc) {
      jc.send(jc.layout().klog(), new Klog.Read(jc.jobId(), clear));
    }

    @Override
    public void onReply(JobContext jc, SimMessage body) {
      if (body instanceof Klog.Contents c) {
        StringBuilder b = new StringBuilder();
        for (LogLine l : c.lines()) {
          // The syslog record's prefix: facility 0 (kernel) and the level.
          if (raw) {
            b.append('<').append(l.level().number()).append('>');
          }
          b.append(l.formatted()).append('\n');
        }
        jc.ok(b.toString());
      }
    }
  }
}
