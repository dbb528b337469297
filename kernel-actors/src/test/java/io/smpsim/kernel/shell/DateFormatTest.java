package io.smpsim.kernel.shell;

import static io.smpsim.kernel.testing.ShellScript.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smpsim.kernel.core.BusyboxUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * date's strftime() conversions and glibc's flags, and its -I forms: each expected text is
 * what Debian 12's busybox 1.35 printed ({@code date -u -d @T FORMAT}) for the same second.
 */
class DateFormatTest {

  private static final String FORMAT = "%G %g %V %U %W %u %w %j %C %y %e %k %l %I %p %P %r %R"
      + " %T %D %F %h %c %x %X %s %Z %z %% %-d %_d %0e %^a %#b %-H %_m %10Y %-j %#p %#Z %N %Q";

  private static String at(long second) {
    return Date.format(FORMAT, second * 1_000_000_000L);
  }

  @Test
  void everyConversionAndFlagAsGlibcPrintsIt() {
    assertEquals("2001 01 36 36 36 7 0 252 20 01  9  1  1 01 AM am 01:46:40 AM 01:46 01:46:40"
        + " 09/09/01 2001-09-09 Sep Sun Sep  9 01:46:40 2001 09/09/01 01:46:40 1000000000 UTC"
        + " +0000 % 9  9 09 SUN SEP 1  9 0000002001 252 am utc %N %Q", at(1_000_000_000L));
    assertEquals("2026 26 01 00 00 4 4 001 20 26  1  0 12 12 AM am 12:00:00 AM 00:00 00:00:00"
        + " 01/01/26 2026-01-01 Jan Thu Jan  1 00:00:00 2026 01/01/26 00:00:00 1767225600 UTC"
        + " +0000 % 1  1 01 THU JAN 0  1 0000002026 1 am utc %N %Q", at(1_767_225_600L));
    assertEquals("2020 20 53 00 00 5 5 001 20 21  1  0 12 12 AM am 12:00:00 AM 00:00 00:00:00"
        + " 01/01/21 2021-01-01 Jan Fri Jan  1 00:00:00 2021 01/01/21 00:00:00 1609459200 UTC"
        + " +0000 % 1  1 01 FRI JAN 0  1 0000002021 1 am utc %N %Q", at(1_609_459_200L),
        "the first days of 2021 are in ISO week 53 of 2020");
    assertEquals("\n\t", Date.format("%n%t", 0));
  }

  @Test
  void isoFormsAsDateDotCWritesThem() {
    List<String> r = run(2, "date -I", "date -Id", "date -Ih", "date -Imin", "date -Is",
        "date -Ins", "date -Ix");
    assertEquals("0:1970-01-01\n", r.get(0));
    assertEquals("0:1970-01-01\n", r.get(1));
    assertEquals("0:1970-01-01T00+00:00\n", r.get(2));
    assertEquals("0:1970-01-01T00:00+00:00\n", r.get(3));
    assertEquals("0:1970-01-01T00:00:02+00:00\n", r.get(4));
    assertEquals("0:1970-01-01T00:00:02,000000000+00:00\n", r.get(5));
    assertEquals("1:" + BusyboxUsage.of("date"), r.get(6));
  }

  /** busybox 1.35's {@code date -u -d TIME +%s} on 2026-12-05 (null: "invalid date"). */
  private static final String[][] RECORDED = {
        {"@0", "0"},
        {"@1000000000", "1000000000"},
        {"@-1", null},
        {"12:30", "1796473800"},
        {"12:30:45", "1796473845"},
        {"01.02-03:04", "1767323040"},
        {"01.02-03:04:05", "1767323045"},
        {"2020.01.02-03:04", "1577934240"},
        {"2020.01.02-03:04:05", "1577934245"},
        {"Jan 2 03:04:05 2020", "1577934245"},
        {"january 2 03:04:05 2020", "1577934245"},
        {"2020-01-02 03:04", "1577934240"},
        {"2020-01-02 03:04:05", "1577934245"},
        {"2020-01-02 03", "1577934000"},
        {"2020-01-02", "1577923200"},
        {"2020-02-30", "1583020800"},
        {"2020-13-01", null},
        {"25:00", null},
        {"1230", "1796473800"},
        {"301230", "1798633800"},
        {"12301230", "1798633800"},
        {"2012301230", "1609331400"},
        {"202012301230", "1609331400"},
        {"202012301230.45", "1609331445"},
        {"9901010000", "915148800"},
        {"x", null},
        {"", null},
        {"2020-1-2", "1577923200"},
        {"  2020-01-02", "1577923200"},
        {"12", "1796429520"},
        {"12.5", "1796429525"},
        {"@1e3", null}};

  @Test
  void dashDTakesTheTimesParseDatestrTakes() {
    long today = 1_796_458_196L;
    for (String[] c : RECORDED) {
      Long got = DateString.parse(c[0], today);
      assertEquals(c[1], got == null ? null : got.toString(), "date -d '" + c[0] + "'");
    }
    List<String> r = run(2, "date -u -d @0", "date -d 1970-01-02 +%s", "date -d x",
        "date -d", "date -d @999999999999999999", "date -d 9999-12-31 +%s");
    assertEquals("0:Thu Jan  1 00:00:00 UTC 1970\n", r.get(0));
    assertEquals("0:86400\n", r.get(1));
    assertEquals("1:date: invalid date 'x'\n", r.get(2));
    assertEquals("1:date: option requires an argument -- 'd'\n" + BusyboxUsage.of("date"),
        r.get(3));
    assertEquals("1:date: invalid date '@999999999999999999'\n", r.get(4),
        "a year localtime() cannot hold");
    assertEquals("0:253402214400\n", r.get(5), "as busybox prints it");
  }
}
