// The trajectory on a canvas: each node's path so far and its position at the current frame,
// stepping through the frames in a loop (paused when the user prefers reduced motion; a button
// pauses and resumes). The canvas carries the frame shown in data-frame.
import type { Point } from './layout-box';

const FRAME_MS = 350;
const HOLD_FRAMES = 3;

export interface TrajectoryAnimation {
  readonly canvas: HTMLCanvasElement;
  show(points: Point[][]): void;
  setPlaying(playing: boolean): void;
  readonly playing: boolean;
}

export function trajectoryAnimation(size: number): TrajectoryAnimation {
  const canvas = document.createElement('canvas');
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  canvas.width = size * ratio;
  canvas.height = size * ratio;
  canvas.className = 'trajectory';
  canvas.setAttribute('role', 'img');
  const found = canvas.getContext('2d');
  if (found === null) throw new Error('this browser gives no 2-D canvas context');
  const context: CanvasRenderingContext2D = found;
  context.scale(ratio, ratio);
  let points: Point[][] = [];
  let frame = 0;
  let playing = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  let timer: number | undefined;

  const colours = () => {
    const style = getComputedStyle(canvas);
    return {
      fg: style.getPropertyValue('--fg').trim() || '#1b1f24',
      bg: style.getPropertyValue('--bg').trim() || '#fbfbfa',
      trail: style.getPropertyValue('--edge').trim() || '#0b5cad',
    };
  };

  function draw(): void {
    const c = colours();
    context.clearRect(0, 0, size, size);
    if (points.length === 0) return;
    const shown = Math.min(frame, points.length - 1);
    context.lineWidth = 1.5;
    context.strokeStyle = c.trail;
    context.globalAlpha = 0.55;
    for (let i = 0; i < points[0].length; i++) {
      context.beginPath();
      context.moveTo(points[0][i].x, points[0][i].y);
      for (let t = 1; t <= shown; t++) context.lineTo(points[t][i].x, points[t][i].y);
      context.stroke();
    }
    context.globalAlpha = 1;
    context.font = '11px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    points[shown].forEach((p, i) => {
      context.beginPath();
      context.arc(p.x, p.y, 10, 0, 2 * Math.PI);
      context.fillStyle = c.bg;
      context.fill();
      context.strokeStyle = c.fg;
      context.stroke();
      context.fillStyle = c.fg;
      context.fillText(String(i), p.x, p.y);
    });
    canvas.dataset.frame = String(shown);
    canvas.setAttribute(
      'aria-label',
      `trajectory of ${points[0].length} nodes, frame ${shown + 1} of ${points.length}`,
    );
  }

  function tick(): void {
    // The last frame is held for a few ticks before the loop starts again.
    frame = (frame + 1) % (points.length + HOLD_FRAMES);
    draw();
  }

  function schedule(): void {
    window.clearInterval(timer);
    timer = playing && points.length > 1 ? window.setInterval(tick, FRAME_MS) : undefined;
  }

  return {
    canvas,
    show(next) {
      points = next;
      frame = playing ? 0 : next.length - 1;
      draw();
      schedule();
    },
    setPlaying(next) {
      playing = next;
      if (!playing) frame = Math.min(frame, points.length - 1);
      schedule();
      draw();
    },
    get playing() {
      return playing;
    },
  };
}
