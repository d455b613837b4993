// The rating scale: key k (1-based) of an n-point scale is the value (k-1)/(n-1) in 0..1, and back.

export const scaleValue = (key: number, points: number) => (key - 1) / (points - 1);

/** The key (1..points) nearest to a stored 0..1 value. */
export const scaleKey = (value: number, points: number) => Math.round(value * (points - 1)) + 1;

export const formatValue = (value: number) => (Math.round(value * 100) / 100).toString();
