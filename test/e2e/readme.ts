/**
 * The README's code blocks and commands, as the end-to-end tests run them: every `sh` block line,
 * every `run:` of a YAML block and every `npm …`/`npx …` in the prose is a command.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PLUGIN_NAME, REPO_ROOT } from "./scratch";

export const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

export interface Block {
  lang: string;
  text: string;
}

const FENCE = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;

export function readmeBlocks(): Block[] {
  return [...README.matchAll(FENCE)].map((m) => ({
    lang: m[2],
    // a fence indented in a list item: its lines are too
    text: m[3]
      .split("\n")
      .map((line) => line.slice(m[1].length))
      .join("\n"),
  }));
}

/** The one block of `lang` whose text starts with `start` (a first comment line names a config file). */
export function readmeBlock(lang: string, start: string): string {
  const found = readmeBlocks().filter((b) => b.lang === lang && b.text.startsWith(start));
  if (found.length !== 1) throw new Error(`README: expected one \`\`\`${lang} block starting with ${JSON.stringify(start)}, found ${found.length}`);
  return found[0].text;
}

function shellCommands(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

function yamlCommands(text: string): string[] {
  const commands: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:- )?run: (.*)$/.exec(lines[i]);
    if (!m) continue;
    if (m[2] !== ">") {
      commands.push(m[2].trim());
      continue;
    }
    // a folded scalar: the more-indented lines that follow, joined by spaces
    const parts: string[] = [];
    while (i + 1 < lines.length && /^\s*$/.test(lines[i + 1]) === false && lines[i + 1].search(/\S/) > m[1].length) {
      parts.push(lines[++i].trim());
    }
    commands.push(parts.join(" "));
  }
  return commands;
}

/** Every command the README shows, in order, each once. */
export function readmeCommands(): string[] {
  const commands: string[] = [];
  for (const block of readmeBlocks()) {
    if (block.lang === "sh") commands.push(...shellCommands(block.text));
    if (block.lang === "yaml") commands.push(...yamlCommands(block.text));
  }
  const prose = README.replace(FENCE, "");
  for (const m of prose.matchAll(/`((?:npm|npx) [^`]+)`/g)) commands.push(m[1].replace(/\s+/g, " "));
  return [...new Set(commands)];
}

/** A command with the packed tarball where it names this package, as npm and npx take it. */
export function withTarball(command: string, tarball: string): string {
  return command
    .split(" ")
    .map((word) => (word === PLUGIN_NAME ? tarball : word))
    .join(" ");
}
