package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.SizeSpec;

/** tc/tc_stab.c and tc_calc_size_table(): {@code stab} options and the table they produce. */
final class SizeTableParser {

  private SizeTableParser() {}

  /**
   * parse_size_table(): consumes the stab options after the {@code stab} word; returns
   * {@code null} (a silent exit 255) when no option that needs a table was given.
   */
  static SizeSpec parse(Args a) {
    a.next();
    if (Args.matches(a.cur(), "help")) {
      throw new TcExit(255, "Usage: ... stab [ mtu BYTES ] [ tsize SLOTS ] [ mpu BYTES ]\n"
          + "                [ overhead BYTES ] [ linklayer TYPE ] ...\n"
          + "   mtu       : max packet size we create rate map for {2047}\n"
          + "   tsize     : how many slots should size table have {512}\n"
          + "   mpu       : minimum packet size used in rate computations\n"
          + "   overhead  : per-packet size overhead used in rate computations\n"
          + "   linklayer : adapting to a linklayer e.g. atm\n"
          + "Example: ... stab overhead 20 linklayer atm\n");
    }
    long mtu = 0;
    long mpu = 0;
    long overhead = 0;
    long tsize = 0;
    int linklayer = SizeSpec.LINKLAYER_UNSPEC;
    while (a.more()) {
      String w = a.cur();
      if (Args.matches(w, "mtu")) {
        String v = a.next();
        if (mtu != 0) {
          throw TcExit.duparg("mtu", v);
        }
        Long x = TcUnits.getU32(v, 10);
        if (x == null) {
          throw TcExit.invarg("mtu", "invalid mtu");
        }
        mtu = x;
      } else if (Args.matches(w, "mpu")) {
        String v = a.next();
        if (mpu != 0) {
          throw TcExit.duparg("mpu", v);
        }
        Long x = TcUnits.getU32(v, 10);
        if (x == null) {
          throw TcExit.invarg("mpu", "invalid mpu");
        }
        mpu = x;
      } else if (Args.matches(w, "overhead")) {
        String v = a.next();
        if (overhead != 0) {
          throw TcExit.duparg("overhead", v);
        }
        Long x = TcUnits.getInteger(v, 10);
        if (x == null) {
          throw TcExit.invarg("overhead", "invalid overhead");
        }
        overhead = x;
      } else if (Args.matches(w, "tsize")) {
        String v = a.next();
        if (tsize != 0) {
          throw TcExit.duparg("tsize", v);
        }
        Long x = TcUnits.getU32(v, 10);
        if (x == null) {
          throw TcExit.invarg("tsize", "invalid table size");
        }
        tsize = x;
      } else if (Args.matches(w, "linklayer")) {
        String v = a.next();
        if (linklayer != SizeSpec.LINKLAYER_UNSPEC) {
          throw TcExit.duparg("linklayer", v);
        }
        linklayer = TcUnits.getLinklayer(v);
        if (linklayer < 0) {
          throw TcExit.invarg("linklayer", "invalid linklayer");
        }
      } else {
        break;
      }
      a.advance();
    }
    if (!(linklayer >= SizeSpec.LINKLAYER_ETHERNET || mpu != 0 || overhead != 0)) {
      return null;
    }
    return calc((int) overhead, linklayer, (int) mpu, mtu, tsize);
  }

  /** tc_calc_size_table(). */
  private static SizeSpec calc(int overhead, int linklayer, int mpu, long mtu, long tsize) {
    if (linklayer <= SizeSpec.LINKLAYER_ETHERNET && mpu == 0) {
      return new SizeSpec(0, 0, 0, overhead, linklayer, mpu, 0, 0, null);
    }
    if (mtu == 0) {
      mtu = 2047;
    }
    if (tsize == 0) {
      tsize = 512;
    }
    int cellLog = 0;
    while ((mtu >> cellLog) > tsize - 1) {
      cellLog++;
    }
    int sizeLog = 0;
    int[] data = new int[(int) tsize];
    boolean again = true;
    while (again) {
      again = false;
      for (int i = (int) tsize - 1; i >= 0; i--) {
        long sz = adjust(((long) i + 1) << cellLog, mpu, linklayer);
        if ((sz >> sizeLog) > 0xFFFF) {
          sizeLog++;
          again = true;
          break;
        }
        data[i] = (int) (sz >> sizeLog);
      }
    }
    return new SizeSpec(cellLog, sizeLog, -1, overhead, linklayer, mpu, (int) mtu, (int) tsize,
        data);
  }

  private static long adjust(long sz, int mpu, int linklayer) {
    if (sz < mpu) {
      sz = mpu;
    }
    if (linklayer == SizeSpec.LINKLAYER_ATM) {
      long cells = sz / 48;
      if (sz % 48 > 0) {
        cells++;
      }
      return cells * 53;
    }
    return sz;
  }

  /** print_size_table(). */
  static void print(JsonPrint out, SizeSpec s) {
    out.openObject("stab");
    out.fp(" ");
    if (s.linklayer() != 0) {
      String ll = TcUnits.linklayer(s.linklayer());
      out.string("linklayer", ll, "linklayer " + ll + " ");
    }
    if (s.overhead() != 0) {
      out.number("overhead", s.overhead(), "overhead " + s.overhead() + " ");
    }
    if (s.mpu() != 0) {
      out.unsigned("mpu", s.mpu(), "mpu " + s.mpu() + " ");
    }
    if (s.mtu() != 0) {
      out.unsigned("mtu", s.mtu(), "mtu " + s.mtu() + " ");
    }
    if (s.tsize() != 0) {
      out.unsigned("tsize", s.tsize(), "tsize " + s.tsize() + " ");
    }
    out.closeObject();
  }
}
