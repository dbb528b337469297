package io.smpsim.kernel.net.tc;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A port of the oracle's {@code record.normalize_text()} and {@code explicit_majors()}. */
public final class OracleNormalizer {

  private static final Pattern HANDLE = Pattern.compile("(?<![0-9A-Za-z:])([0-9a-f]{4}):");
  private static final Pattern REFCNT_TXT = Pattern.compile("\\brefcnt \\d+");
  private static final Pattern REFCNT_JSON = Pattern.compile("\"refcnt\":\\s*\\d+");
  private static final Pattern EXPLICIT = Pattern.compile("(?<![0-9A-Za-z])(?:0x)?([0-9a-fA-F]{1,4}):");

  private OracleNormalizer() {}

  /** Majors written in the case's commands (never renumbered). */
  public static Set<Integer> explicitMajors(Iterable<String> lines) {
    Set<Integer> majors = new TreeSet<>();
    for (String l : lines) {
      Matcher m = EXPLICIT.matcher(l);
      while (m.find()) {
        majors.add(Integer.parseInt(m.group(1), 16));
      }
    }
    return majors;
  }

  /** normalize_text(text, base, after, explicit). */
  public static String normalize(String text, int base, int after, Set<Integer> explicit) {
    if (text == null) {
      return null;
    }
    if (after >= base) {
      Matcher m = HANDLE.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        int major = Integer.parseInt(m.group(1), 16);
        String rep = m.group(0);
        if (base < major && major <= after && major != 0xffff && !explicit.contains(major)) {
          rep = Integer.toHexString(0x8000 + major - base) + ":";
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(rep));
      }
      m.appendTail(sb);
      text = sb.toString();
    }
    text = REFCNT_TXT.matcher(text).replaceAll("refcnt *");
    text = REFCNT_JSON.matcher(text).replaceAll("\"refcnt\":\"*\"");
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      out.append(lines[i].replaceAll("\\s+$", ""));
    }
    return out.toString();
  }
}
