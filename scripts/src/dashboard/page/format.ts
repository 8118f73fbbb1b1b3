const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatRate(value: number): string {
  return oneDecimal.format(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${integer.format(bytes)} B`;
  }
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : integer.format(value)} ${units[unit]}`;
}

/** `14:03:07` in UTC, as the records' timestamps are. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(11, 19)} UTC`;
}

/** `4 s ago`, `in 12 s`, `3 min ago`. */
export function formatRelative(iso: string, nowMs: number): string {
  const ms = new Date(iso).getTime() - nowMs;
  if (Number.isNaN(ms)) {
    return "";
  }
  const seconds = Math.round(Math.abs(ms) / 1000);
  const text = seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${integer.format(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
