// Text from a server goes into error messages, which end up in logs and terminals. A newline
// there forges a log line, an ANSI escape repaints a terminal, a bidirectional override reorders
// what a reader sees; and a server can send any length. So text is made single-line and short
// before it reaches a message.

// Line breaks and other whitespace controls read as a space.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// Every other C0/C1 control, DEL, and the bidirectional embedding, override and isolate marks.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const ELLIPSIS = "…";

/** Cuts text to at most `max` UTF-16 units, marking the cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - ELLIPSIS.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // keep a pair whole
  return text.slice(0, end) + ELLIPSIS;
}

/** Text fit for one line of an error message: no control characters, at most `max` long. */
export function oneLine(text: string, max: number): string {
  return truncate(text.replace(LINE_BREAKS, " ").replace(CONTROLS, "\ufffd").trim(), max);
}
