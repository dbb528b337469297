package io.smpsim.kernel.signal;

import java.util.Locale;

/**
 * x86 Linux's signals (arch/x86/include/uapi/asm/signal.h) as busybox names them
 * (libbb/u_signal_names.c), as glibc describes them (strsignal(), what ash's {@code jobs}
 * prints) and what each does to a process that left it at its default (kernel/signal.c
 * sig_kernel_{only,coredump,ignore,stop}).
 */
public final class Signals {

  private Signals() {}

  /** _NSIG + 1: signal numbers run from 0 (no signal, a check) to 64. */
  public static final int NSIG = 65;
  public static final int SIGINT = 2;
  public static final int SIGQUIT = 3;
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;
  public static final int SIGCONT = 18;
  /** glibc keeps 32 and 33 for itself: SIGRTMIN is 34 to a program. */
  private static final int SIGRTMIN = 34;

  /** busybox's names, by number; 0 is the EXIT of {@code trap}. */
  private static final String[] NAMES = {"EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT",
      "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD",
      "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH",
      "POLL", "PWR", "SYS"};

  /** glibc 2.36's strsignal() texts, by number. */
  private static final String[] DESCRIPTIONS = {null, "Hangup", "Interrupt", "Quit",
      "Illegal instruction", "Trace/breakpoint trap", "Aborted", "Bus error",
      "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
      "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault",
      "Child exited", "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)",
      "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded",
      "File size limit exceeded", "Virtual timer expired", "Profiling timer expired",
      "Window changed", "I/O possible", "Power failure", "Bad system call"};

  /** What a signal does to a process that left it at its default action. */
  public enum Action {
    /** The process ends (sig_kernel_coredump's too: with RLIMIT_CORE 0 there is no core). */
    TERMINATE,
    /** Nothing (SIGCHLD, SIGURG, SIGWINCH; SIGCONT to a process that is not stopped). */
    IGNORE,
    /** The process stops (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU). */
    STOP
  }

  /**
   * get_signum(): a number below {@link #NSIG}, or a name with or without {@code SIG}, in any
   * case ({@code IO} and {@code IOT} as aliases); -1 if none.
   */
  public static int number(String name) {
    if (!name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(name);
      return n < NSIG ? n : -1;
    }
    String n = name.toUpperCase(Locale.ROOT);
    if (n.startsWith("SIG")) {
      n = n.substring(3);
    }
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(n)) {
        return i;
      }
    }
    return switch (n) {
      case "IO" -> 29;
      case "IOT" -> 6;
      default -> -1;
    };
  }

  /** get_signame(): the name, or the number itself for a signal without one. */
  public static String name(int signo) {
    return signo >= 0 && signo < NAMES.length ? NAMES[signo] : Integer.toString(signo);
  }

  /** strsignal(): how {@code jobs} says a process ended. */
  public static String description(int signo) {
    if (signo > 0 && signo < DESCRIPTIONS.length) {
      return DESCRIPTIONS[signo];
    }
    if (signo >= SIGRTMIN && signo < NSIG) {
      return "Real-time signal " + (signo - SIGRTMIN);
    }
    return "Unknown signal " + signo;
  }

  /** The default action of {@code signo} (1 to 64) on a process that is not stopped. */
  public static Action defaultAction(int signo) {
    return switch (signo) {
      case 17, 18, 23, 28 -> Action.IGNORE;
      case 19, 20, 21, 22 -> Action.STOP;
      default -> Action.TERMINATE;
    };
  }

  /** {@code kill -l}'s list: {@code " 1) HUP"} to {@code "31) SYS"}, one a line. */
  public static String list() {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < NAMES.length; i++) {
      b.append(String.format("%2d) %s\n", i, NAMES[i]));
    }
    return b.toString();
  }
}
