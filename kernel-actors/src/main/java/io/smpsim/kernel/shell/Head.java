package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;

/**
 * busybox head (coreutils/head.c, FEATURE_FANCY_HEAD): {@code head [-n [-]N] [-c [-]N] [-qv]
 * [FILE]...} and the legacy {@code head -N}. N takes head.c's suffixes (b 512, k 1024, m
 * 1048576); a bad one is {@code head: invalid number 'X'} (xatoul_sfx), an unknown option
 * {@code head: invalid option -- 'x'}, both exit 1. With more than one file (or -v) each starts
 * with {@code ==> FILE <==}, after a blank line but the first; a missing file is
 * {@code head: FILE: No such file or directory} (fopen_or_warn) and exit 1, the others are
 * still printed.
 *
 * @param filter how much of each file
 * @param files the operands (none: standard input)
 * @param headers whether each file gets its header line
 * @param error what busybox reports for the arguments, or null when they are good
 */
record Head(TextFilter.Head filter, List<String> files, boolean headers, Failure error) {

  /** The head of {@code args} (with its error if busybox refuses them). */
  static Head parse(List<String> args) {
    CountArgs a = CountArgs.parse("head", args, false, "", "");
    if (a.error() != null) {
      return new Head(TextFilter.Head.DEFAULT, List.of(), false, a.error());
    }
    return new Head(new TextFilter.Head(a.count(), a.bytes(), a.sign() == '-'), a.files(),
        a.headers(), null);
  }

  /** The command {@code head ARGS}: its error, or the files read one after the other. */
  ShellJob job() {
    if (error != null) {
      return error;
    }
    if (files.isEmpty()) {
      return new Failure(1, "head: reading standard input is not supported");
    }
    return new CatJob("head", files, filter, headers);
  }

  /** The header line before {@code name}'s text; {@code first}: no blank line before it. */
  static String header(String name, boolean first) {
    return (first ? "" : "\n") + "==> " + name + " <==\n";
  }
}
