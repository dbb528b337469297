package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.Listing;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Vfs;
import io.smpsim.kernel.core.VfsFile;
import java.util.List;

/**
 * busybox ash's {@code test EXPR} and {@code [ EXPR ]} (coreutils/test.c): files ({@code -e -f
 * -d -r -w -x -s -L -h}, from the working directory, as root sees them: procfs files have no
 * size, sysfs attributes a page), strings ({@code -z -n = == != < >}, a lone word),
 * integers ({@code -eq -ne -lt -le -gt -ge}), {@code !}, {@code -a}, {@code -o} and parentheses
 * as test.c's grammar binds them. Status 0 true, 1 false, 2 for what test.c refuses
 * ({@code sh: missing ]}, {@code sh: X: unknown operand}, {@code sh: X: bad number}).
 *
 * @param args the expression's words
 * @param bracket whether it was called as {@code [} (a closing {@code ]} is then required)
 */
record Test(List<String> args, boolean bracket) implements ShellJob {

  /** What an expression could not be evaluated for: test.c's message. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public void start(JobContext jc) {
    List<String> words = args;
    if (bracket) {
      if (words.isEmpty() || !words.get(words.size() - 1).equals("]")) {
        jc.fail(2, "sh: missing ]");
        return;
      }
      words = words.subList(0, words.size() - 1);
    }
    try {
      Eval e = new Eval(words, jc);
      boolean v = words.isEmpty() ? false : e.or();
      if (e.at < words.size()) {
        throw new Refused(words.get(e.at) + ": unknown operand");
      }
      jc.finish(v ? 0 : 1, "", "");
    } catch (Refused r) {
      jc.fail(2, "sh: " + r.getMessage());
    }
  }

  /** test.c's recursive descent: oexpr, aexpr, nexpr, primary. */
  private static final class Eval {
    private final List<String> w;
    private final JobContext jc;
    private int at;

    Eval(List<String> w, JobContext jc) {
      this.w = w;
      this.jc = jc;
    }

    private String peek(int k) {
      return at + k < w.size() ? w.get(at + k) : null;
    }

    boolean or() {
      boolean v = and();
      while ("-o".equals(peek(0)) && peek(1) != null) {
        at++;
        v |= and();
      }
      return v;
    }

    private boolean and() {
      boolean v = not();
      while ("-a".equals(peek(0)) && peek(1) != null) {
        at++;
        v &= not();
      }
      return v;
    }

    private boolean not() {
      if ("!".equals(peek(0)) && peek(1) != null) {
        at++;
        return !not();
      }
      return primary();
    }

    private boolean primary() {
      String a = peek(0);
      if (a == null) {
        throw new Refused("argument expected");
      }
      if (a.equals("(") && peek(1) != null) {
        at++;
        boolean v = or();
        if (!")".equals(peek(0))) {
          throw new Refused("closing paren expected");
        }
        at++;
        return v;
      }
      String b = peek(1);
      if (b != null && peek(2) != null) {
        if (binary(b)) {
          at += 3;
          return compare(a, b, w.get(at - 1));
        }
        if (b.startsWith("-") && b.length() > 1 && !b.equals("-a") && !b.equals("-o")) {
          // An operator's place holds an option test.c does not know.
          throw new Refused(b + ": unknown operand");
        }
      }
      if (a.length() == 2 && a.charAt(0) == '-' && "efdrwxsLhbcpSugkOGtzn".indexOf(a.charAt(1))
          >= 0 && b != null) {
        at += 2;
        return unary(a.charAt(1), b);
      }
      at++;
      return !a.isEmpty();
    }

    private static boolean binary(String op) {
      return switch (op) {
        case "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot",
            "-ef" -> true;
        default -> false;
      };
    }

    private boolean compare(String a, String op, String b) {
      return switch (op) {
        case "=", "==" -> a.equals(b);
        case "!=" -> !a.equals(b);
        case "<" -> a.compareTo(b) < 0;
        case ">" -> a.compareTo(b) > 0;
        case "-nt", "-ot", "-ef" -> false;
        default -> {
          long x = number(a);
          long y = number(b);
          yield switch (op) {
            case "-eq" -> x == y;
            case "-ne" -> x != y;
            case "-lt" -> x < y;
            case "-le" -> x <= y;
            case "-gt" -> x > y;
            default -> x >= y;
          };
        }
      };
    }

    /** getn(): a decimal, blanks around it allowed. */
    private static long number(String s) {
      String t = s.strip();
      if (!t.matches("[+-]?\\d+")) {
        throw new Refused(s + ": bad number");
      }
      try {
        return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
      } catch (NumberFormatException e) {
        throw new Refused(s + ": out of range");
      }
    }

    private boolean unary(char op, String arg) {
      if (op == 'z') {
        return arg.isEmpty();
      }
      if (op == 'n') {
        return !arg.isEmpty();
      }
      if (op == 't') {
        return false;
      }
      String path = Vfs.resolve(jc.cwd(), arg);
      boolean dir = Vfs.isDirectory(path, jc.tables(), jc.config());
      VfsFile file = dir ? null : Vfs.lookup(path, jc.tables(), jc.config());
      boolean exists = dir || file != null;
      return switch (op) {
        case 'e', 'r', 'w' -> exists;
        case 'd' -> dir;
        case 'f' -> file != null;
        case 'x' -> dir;
        // procfs files report no size, sysfs attributes a page; directories none.
        case 's' -> file != null && path.startsWith("/sys/");
        case 'L', 'h' -> link(path);
        default -> false;
      };
    }

    /** Whether the entry at {@code path} is a symbolic link in its directory's listing. */
    private boolean link(String path) {
      int slash = path.lastIndexOf('/');
      var dir = Vfs.listing(slash <= 0 ? "/" : path.substring(0, slash), jc.tables(),
          jc.config());
      Listing.Entry e = dir == null ? null : dir.get(path.substring(slash + 1));
      return e != null && e.type() == 'l';
    }
  }
}
