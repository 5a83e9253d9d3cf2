package org.citycluster.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of the tools that take free positional arguments (an SQL statement): {@code
 * --flag value} or {@code --flag=value} pairs from a fixed set of allowed flags, {@code --help},
 * {@code --version} and positional arguments, parsed by picocli's programmatic API. Unknown flags
 * and missing values are usage errors naming the flag.
 */
record Flags(Map<String, String> values, List<String> positional, boolean help, boolean version) {

  /** A command line that cannot be understood; the message names the flag. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  static Flags parse(String[] args, Set<String> allowed) {
    CommandSpec spec = CommandSpec.create();
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).build());
    for (String flag : allowed) {
      spec.addOption(OptionSpec.builder(flag).type(String.class).arity("1").build());
    }
    spec.addPositional(PositionalParamSpec.builder().type(String.class).arity("0..*").build());
    ParseResult parsed;
    try {
      parsed = new CommandLine(spec).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String flag : allowed) {
      if (parsed.hasMatchedOption(flag)) {
        values.put(flag, parsed.matchedOptionValue(flag, (String) null));
      }
    }
    List<String> positional = List.copyOf(spec.positionalParameters().get(0).stringValues());
    return new Flags(
        values, positional, parsed.isUsageHelpRequested(), parsed.isVersionHelpRequested());
  }

  String get(String flag, String fallback) {
    return values.getOrDefault(flag, fallback);
  }
}
