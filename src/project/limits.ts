/**
 * The limits a module summary is built under, shared by every summary being built in the process:
 * which summaries are being built (an import cycle meets one of them), the frames of the summaries
 * under way with what limits cut their answers, and the linted file's budget.
 *
 * ESLint lints files in no fixed order, and the summaries one file makes are reused by the next:
 * a finding must not depend on which file came first. So a summary that met a module still being
 * built, or a spent budget, is "volatile" (it serves only the file it was made for), and a summary
 * reused from an earlier file is charged to the file's budget with every summary it used, as if
 * the file had made them.
 */

/** Summaries being built (keyed as the summary cache is): asked for again, they answer unknown. */
export const building = new Set<string>();

/** One summary under way: whether a limit cut an answer it used, whether that answer depends on the order of work, and the budget keys it used. */
export interface Frame {
  cut: boolean;
  volatile: boolean;
  used: Set<string>;
}

/** The summaries under way, innermost last. */
const frames: Frame[] = [];

/** Opens the frame of a summary now under way. */
export function openFrame(cut: boolean, used: Iterable<string>): Frame {
  const frame: Frame = { cut, volatile: false, used: new Set(used) };
  frames.push(frame);
  return frame;
}

/** Closes the innermost frame, handing on to the summary around it what limited it and what it used. */
export function closeFrame(): void {
  const frame = frames.pop();
  if (!frame) return;
  noteUsed(frame.used);
  if (frame.cut) noteCut();
  if (frame.volatile) noteVolatile();
}

/** Notes that the summary under way (if any) used these budget keys. */
export function noteUsed(keys: Iterable<string>): void {
  const frame = frames[frames.length - 1];
  if (frame) for (const key of keys) frame.used.add(key);
}

/** Notes that the summary under way (if any) used an answer a limit cut. */
export function noteCut(): void {
  if (frames.length > 0) frames[frames.length - 1].cut = true;
}

/**
 * Notes that the summary under way (if any) used an answer that another order of work would have
 * made otherwise: a module still being built further up (an import cycle, entered here from one
 * side), or the linted file's budget spent.
 */
export function noteVolatile(): void {
  if (frames.length > 0) frames[frames.length - 1].volatile = true;
}

/** A linted file's budget: what is left, and the keys (summaries, places looks) charged to it. */
export interface Budget {
  left: number;
  charged: Set<string>;
}

/** Charges the keys a file has not used yet: false (nothing charged) when what is left cannot pay for all of them. */
export function charge(budget: Budget, keys: readonly string[]): boolean {
  let fresh = 0;
  for (const key of keys) if (!budget.charged.has(key)) fresh++;
  if (fresh > budget.left) return false;
  budget.left -= fresh;
  for (const key of keys) budget.charged.add(key);
  return true;
}

/** Notes that the linted file's budget is spent: the answer under way is cut, and depends on the order of work. */
export function noteSpent(): void {
  noteCut();
  noteVolatile();
}
