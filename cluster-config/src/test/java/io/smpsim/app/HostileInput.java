package io.smpsim.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;

/** Checks shared by the hostile-input tests: what a user must never be shown. */
public final class HostileInput {

  /** A Java exception's class name, a stack frame, or a JVM error. */
  private static final Pattern JAVA = Pattern.compile(
      "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\b(java|javax|sun|com\\.typesafe|org\\.apache)\\."
          + "[\\w.$]*(Exception|Error)\\b|\\b\\w+(Exception|Error):|Exception in thread"
          + "|StackOverflow|OutOfMemory|NullPointer");

  private HostileInput() {}

  /** Fails if {@code text} shows a Java exception or a stack trace. */
  public static void assertNoJavaText(String text) {
    assertFalse(JAVA.matcher(text).find(), "Java exception text reached the user:\n" + text);
  }
}
