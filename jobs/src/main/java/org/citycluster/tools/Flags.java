package org.citycluster.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small command line: {@code --flag value} pairs from a fixed set of allowed flags, {@code
 * --help}, and positional arguments. Unknown flags and missing values are usage errors.
 */
record Flags(Map<String, String> values, List<String> positional, boolean help) {

  /** A command line that cannot be understood; the message names the flag. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  static Flags parse(String[] args, Set<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else if (a.startsWith("--") && a.length() > 2) {
        if (!allowed.contains(a)) {
          throw new UsageException("unknown flag '" + a + "'");
        }
        if (i + 1 >= args.length) {
          throw new UsageException("flag " + a + " needs a value");
        }
        values.put(a, args[++i]);
      } else {
        positional.add(a);
      }
    }
    return new Flags(values, positional, help);
  }

  String get(String flag, String fallback) {
    return values.getOrDefault(flag, fallback);
  }
}
