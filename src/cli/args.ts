/**
 * `cf-workers-lint`'s command line: options, help text and the usage errors they give. Parsed by
 * hand so that every mistake gets the tool's own one-line message and the usage line.
 */

export const NAME = "cf-workers-lint";

export const FORMATS = ["stylish", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export const ENGINES = ["eslint", "oxlint"] as const;
export type Engine = (typeof ENGINES)[number];

export const USAGE = `Usage: ${NAME} [options] [paths...]`;

export const HELP = `${USAGE}

Lints Cloudflare Workers code with the recommended rules of
eslint-plugin-cloudflare-workers, without an ESLint config.

Paths default to ".": files, folders or glob patterns ("src/**/*.ts"), inside
the current folder or not. Finds .js .mjs .cjs .jsx .ts .tsx .mts .cts files,
skips node_modules, dist, .wrangler and what the .gitignore of the current
folder lists. TypeScript needs @typescript-eslint/parser (and typescript).

Options:
  -f, --format <name>       stylish (default), json or sarif
                            (sarif needs @microsoft/eslint-formatter-sarif)
  -o, --output-file <file>  write the report to a file instead of stdout
      --quiet               report errors only, no warnings
      --include-tests       lint tests and fixtures too (*.test.*, tests/, …)
      --max-warnings <n>    exit 1 when there are more than n warnings
      --engine <name>       eslint (default) or oxlint (needs oxlint installed;
                            much faster on large trees)
  -h, --help                show this help
  -v, --version             show the version

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings),
2 usage error, bad path or missing package.
`;

/** An error in how the tool was called or set up: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export interface Args {
  paths: string[];
  format: Format;
  outputFile: string | undefined;
  quiet: boolean;
  /** Lint test files and fixtures too (skipped by default, like the recommended config does). */
  includeTests: boolean;
  /** -1: no limit. */
  maxWarnings: number;
  engine: Engine;
  help: boolean;
  version: boolean;
}

type ValueOption = "format" | "outputFile" | "maxWarnings" | "engine";
type FlagOption = "quiet" | "includeTests" | "help" | "version";

const VALUE_OPTIONS: Record<string, ValueOption> = {
  "-f": "format",
  "--format": "format",
  "-o": "outputFile",
  "--output-file": "outputFile",
  "--max-warnings": "maxWarnings",
  "--engine": "engine",
};

const FLAG_OPTIONS: Record<string, FlagOption> = {
  "--quiet": "quiet",
  "--include-tests": "includeTests",
  "-h": "help",
  "--help": "help",
  "-v": "version",
  "--version": "version",
};

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const what = option === "--engine" ? "engine" : "format";
  throw new UsageError(`unknown ${what} "${value}" (use ${allowed.join(", ")})`, true);
}

/** Reads the arguments after the command name; throws {@link UsageError} on any mistake. */
export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    paths: [],
    format: "stylish",
    outputFile: undefined,
    quiet: false,
    includeTests: false,
    maxWarnings: -1,
    engine: "eslint",
    help: false,
    version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      args.paths.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const flag = FLAG_OPTIONS[name];
    if (flag) {
      if (eq >= 0) throw new UsageError(`option ${name} takes no value`, true);
      args[flag] = true;
      continue;
    }
    const option = VALUE_OPTIONS[name];
    if (!option) throw new UsageError(`unknown option ${name}`, true);
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("-") && next !== "-")) throw new UsageError(`option ${name} needs a value`, true);
      value = next;
      i++;
    }
    switch (option) {
      case "format":
        args.format = oneOf(name, value, FORMATS);
        break;
      case "engine":
        args.engine = oneOf(name, value, ENGINES);
        break;
      case "outputFile":
        if (value === "") throw new UsageError(`option ${name} needs a file name`, true);
        args.outputFile = value;
        break;
      case "maxWarnings":
        if (!/^\d+$/.test(value)) throw new UsageError(`option ${name} needs a whole number, not "${value}"`, true);
        args.maxWarnings = Number(value);
        break;
    }
  }
  if (args.paths.length === 0) args.paths.push(".");
  return args;
}
