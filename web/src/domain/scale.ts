/** Edge widths on a logarithmic scale of bandwidth (bytes/s), or of flow rate where bytes are not measured. */

export interface LogScale {
  /** Width in pixels at or below floor. */
  readonly minWidth: number;
  /** Width in pixels at or above ceil. */
  readonly maxWidth: number;
  readonly floor: number;
  readonly ceil: number;
}

/** 1 B/s draws 1 px, 100 MB/s and more 12 px; each factor of ~5 adds one pixel. */
export const BYTES_SCALE: LogScale = { minWidth: 1, maxWidth: 12, floor: 1, ceil: 100 * 1024 * 1024 };

/** 0.01 flows/s draws 1 px, 1,000 flows/s and more 12 px. */
export const FLOWS_SCALE: LogScale = { minWidth: 1, maxWidth: 12, floor: 0.01, ceil: 1000 };

/**
 * Width for a rate on a log scale, rounded to half pixels so that tiny rate changes do not restyle the edge on
 * every update.
 */
export function logWidth(value: number, scale: LogScale): number {
  if (!Number.isFinite(value) || value <= scale.floor) return scale.minWidth;
  if (value >= scale.ceil) return scale.maxWidth;
  const t = (Math.log(value) - Math.log(scale.floor)) / (Math.log(scale.ceil) - Math.log(scale.floor));
  const w = scale.minWidth + t * (scale.maxWidth - scale.minWidth);
  return Math.round(w * 2) / 2;
}

/** The width of an edge: by bytes/s where the source measured bytes, else by flows/s. */
export function edgeWidth(
  flow: { bytes_per_sec: number; flows_per_sec: number },
  bytesMeasured: boolean,
): number {
  return bytesMeasured
    ? logWidth(flow.bytes_per_sec, BYTES_SCALE)
    : logWidth(flow.flows_per_sec, FLOWS_SCALE);
}
