package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.ShellJob.Failure;
import io.smpsim.kernel.core.TextFilter;
import java.util.List;

/**
 * busybox tail (coreutils/tail.c): {@code tail [-n [+|-]N] [-c [+|-]N] [-qv] [FILE]...} and the
 * legacy {@code tail -N} / {@code tail +N}. {@code +N} prints from line (byte) N on. Errors as
 * head's: {@code tail: invalid number 'X'}, {@code tail: invalid option -- 'x'}, exit 1; a
 * missing file is {@code tail: can't open 'F': No such file or directory} (open_or_warn), the
 * others are still printed. {@code -f} follows a file as it grows, which a simulated file read
 * at one instant cannot: it is refused.
 *
 * @param filter how much of each file
 * @param files the operands (none: standard input)
 * @param headers whether each file gets its {@code ==> FILE <==} line
 * @param error what busybox (or smpsim, for -f) reports for the arguments, or null
 */
record Tail(TextFilter.Tail filter, List<String> files, boolean headers, Failure error) {

  /** The tail of {@code args} (with its error if they are refused). */
  static Tail parse(List<String> args) {
    CountArgs a = CountArgs.parse("tail", args, true, "fF",
        "is not supported by smpsim: a simulated file is read at one instant");
    if (a.error() != null) {
      return new Tail(TextFilter.Tail.DEFAULT, List.of(), false, a.error());
    }
    return new Tail(new TextFilter.Tail(a.count(), a.bytes(), a.sign() == '+'), a.files(),
        a.headers(), null);
  }

  /** The command {@code tail ARGS}: its error, or the files read one after the other. */
  ShellJob job() {
    if (error != null) {
      return error;
    }
    if (files.isEmpty()) {
      return new Failure(1, "tail: reading standard input is not supported outside a pipeline");
    }
    return new CatJob("tail", files, filter, headers);
  }
}
