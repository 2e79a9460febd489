// The temperature slider is logarithmic: position 0..100 maps to t = 10^(−2 … 1).
export const SLIDER_MIN = 0;
export const SLIDER_MAX = 100;

export function temperatureFromSlider(position: number): number {
  if (!Number.isFinite(position) || position < SLIDER_MIN || position > SLIDER_MAX)
    throw new RangeError(
      `temperature slider position must be in ${SLIDER_MIN}..${SLIDER_MAX}, got ${position}`,
    );
  return 10 ** (-2 + (3 * position) / SLIDER_MAX);
}

export function sliderFromTemperature(t: number): number {
  if (!Number.isFinite(t) || t <= 0)
    throw new RangeError(`temperature must be a finite number > 0, got ${t}`);
  const position = ((Math.log10(t) + 2) * SLIDER_MAX) / 3;
  return Math.min(SLIDER_MAX, Math.max(SLIDER_MIN, position));
}

export function formatTemperature(t: number): string {
  return t < 0.1 ? t.toFixed(3) : t < 1 ? t.toFixed(2) : t.toFixed(1);
}
