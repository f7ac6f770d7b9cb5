// The map's drawing and its pan, zoom, hover, click and box: every paper a GL point, drawn in
// one call from buffers uploaded once. Not deck.gl's ScatterplotLayer: it draws instanced
// quads, and where WebGL runs in software (SwiftShader: a machine or remote desktop without a
// GPU) an instanced quad costs about 14 µs, so a frame of 95,000 papers took 1.3–2 s, and its
// picking pass as long again, against about 70 ms for the same points as GL points (measured
// in chromium, artifacts/gl-probe). Where even that is slower than a frame, a drag or a zoom
// moves the picture already drawn (a CSS transform, which the compositor does for free) and
// the map is drawn anew when the gesture ends. Picking is on the CPU, through a k-d tree of the
// points (kdbush), so hovering never draws; the tree is built when the pointer first comes over
// the map, not before its first paint.
import KDBush from 'kdbush';

export interface MapPointsStyle {
  /** x, y of each point in map units (the map fits in [-1, 1]). */
  positions: Float32Array;
  /** RGBA of each point. */
  colours: Uint8Array;
  /** Each point's radius in CSS pixels. */
  radii: Float32Array;
}

export interface MapLabel {
  x: number;
  y: number;
  text: string;
}

export interface MapViewOptions {
  labels: readonly MapLabel[];
  /** Radius of the ring drawn around selected points, in CSS pixels. */
  ringRadius: number;
  /** The point under the pointer changed (-1: none); x, y in the frame's pixels. */
  onHover(index: number, x: number, y: number): void;
  onClick(index: number): void;
  /** A box drawn with shift held: the points inside it. */
  onBox(indices: number[]): void;
}

export interface View {
  /** The map point at the frame's centre. */
  x: number;
  y: number;
  /** CSS pixels per map unit. */
  scale: number;
}

export interface FrameSize {
  width: number;
  height: number;
}

/** Where a map point is drawn in a view, in CSS pixels from the frame's inner corner (map y points up). */
export function screenOf(view: View, size: FrameSize, x: number, y: number): [number, number] {
  return [size.width / 2 + (x - view.x) * view.scale, size.height / 2 - (y - view.y) * view.scale];
}

/** The map point under these frame pixels. */
export function mapOf(view: View, size: FrameSize, px: number, py: number): [number, number] {
  return [view.x + (px - size.width / 2) / view.scale, view.y - (py - size.height / 2) / view.scale];
}

/**
 * The CSS transform (about the frame's centre) that moves a picture drawn in `drawn` to where
 * `view` would draw it: a point u from the centre goes to (dx, dy) + k u.
 */
export function pictureMove(drawn: View, view: View): { dx: number; dy: number; k: number } {
  return { dx: (drawn.x - view.x) * view.scale, dy: -(drawn.y - view.y) * view.scale, k: view.scale / drawn.scale };
}

/** The view at `scale` that keeps the map point under these frame pixels where it is. */
export function zoomedAbout(view: View, size: FrameSize, px: number, py: number, scale: number): View {
  const [x, y] = mapOf(view, size, px, py);
  return { scale, x: x - (px - size.width / 2) / scale, y: y + (py - size.height / 2) / scale };
}

/** A redraw slower than this (ms, GPU work included) is not repeated on every move of a gesture. */
export const LIVE_REDRAW_MS = 12;
/** A zoom by the wheel is drawn when no wheel event came for this long (where redraws are slow). */
const WHEEL_SETTLE_MS = 150;
/** A press that moves less than this (CSS px) is a click, not a drag. */
const CLICK_SLOP = 4;
/** Hover and click reach a point this far (CSS px) beyond its radius. */
const PICK_SLOP = 3;
const ZOOM_RANGE = { out: 0.5, in: 1024 };

const VERTEX_SHADER = `#version 300 es
in vec2 position;
in vec4 colour;
in float radius;
uniform vec2 centre;
uniform vec2 toClip;
uniform float pixelRatio;
uniform float ringRadius;
out vec4 pointColour;
out float pointPixels;
out float edge;
void main() {
  gl_Position = vec4((position - centre) * toClip, 0.0, 1.0);
  float r = ringRadius > 0.0 ? ringRadius : radius;
  edge = r * pixelRatio;
  // Room for the anti-aliased edge (half a pixel), and a ring's width: no larger, as each pixel
  // of a point costs where WebGL runs in software (a 4-pixel point draws a third faster than a 5).
  pointPixels = 2.0 * edge + (ringRadius > 0.0 ? 3.0 : 1.0) * pixelRatio;
  gl_PointSize = pointPixels;
  pointColour = ringRadius > 0.0 ? vec4(0.08, 0.08, 0.08, 1.0) : colour;
}`;

const FRAGMENT_SHADER = `#version 300 es
precision highp float;
in vec4 pointColour;
in float pointPixels;
in float edge;
uniform float pixelRatio;
uniform float ringRadius;
out vec4 fragment;
void main() {
  float d = length(gl_PointCoord - 0.5) * pointPixels;
  float cover = ringRadius > 0.0 ? clamp(0.75 * pixelRatio - abs(d - edge) + 0.5, 0.0, 1.0) : clamp(edge - d + 0.5, 0.0, 1.0);
  if (cover <= 0.0) discard;
  fragment = vec4(pointColour.rgb, pointColour.a * cover);
}`;

type Uniform = 'centre' | 'toClip' | 'pixelRatio' | 'ringRadius';

/**
 * A canvas's WebGL context with the map's program and buffers, made before the points arrive.
 * Where WebGL runs in software, a browser's first context takes a few hundred milliseconds and a
 * program's first draw builds its pipeline; both are the GPU process's work, done here while the
 * page still waits for the map's data (a draw of one invisible point builds the pipeline).
 */
export class MapCanvas {
  readonly gl: WebGL2RenderingContext;
  readonly program: WebGLProgram;
  readonly uniforms: Record<Uniform, WebGLUniformLocation | null>;
  /** Each point's position, RGBA and radius (see MapPointsStyle); the selection's indices. */
  readonly buffers: Record<'position' | 'colour' | 'radius' | 'selection', WebGLBuffer>;

  constructor(readonly element: HTMLCanvasElement) {
    // Premultiplied (the default): the blending below leaves premultiplied colour over the
    // transparent clear. No depth or stencil buffer: points are drawn in order.
    const gl = element.getContext('webgl2', { antialias: false, depth: false, stencil: false });
    if (!gl) throw new Error('this browser cannot draw the map (it has no WebGL 2)');
    this.gl = gl;
    this.program = linkProgram(gl);
    this.uniforms = Object.fromEntries((['centre', 'toClip', 'pixelRatio', 'ringRadius'] as const).map((name) => [name, gl.getUniformLocation(this.program, name)])) as MapCanvas['uniforms'];
    gl.bindVertexArray(gl.createVertexArray());
    this.buffers = {
      position: this.attribute('position', 2, gl.FLOAT, false),
      colour: this.attribute('colour', 4, gl.UNSIGNED_BYTE, true),
      radius: this.attribute('radius', 1, gl.FLOAT, false),
      selection: gl.createBuffer(),
    };
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.buffers.selection);
    gl.enable(gl.BLEND);
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    this.upload({ positions: new Float32Array(2), colours: new Uint8Array(4), radii: new Float32Array(1) });
    gl.useProgram(this.program);
    gl.drawArrays(gl.POINTS, 0, 1);
    gl.flush();
  }

  /** Gives the context back to the browser, which keeps only a few at a time. */
  release(): void {
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
  }

  upload(points: MapPointsStyle): void {
    const { gl } = this;
    for (const [buffer, data] of [
      [this.buffers.position, points.positions],
      [this.buffers.colour, points.colours],
      [this.buffers.radius, points.radii],
    ] as const) {
      gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
      gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
    }
  }

  private attribute(name: string, size: number, type: number, normalized: boolean): WebGLBuffer {
    const { gl } = this;
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    const location = gl.getAttribLocation(this.program, name);
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, size, type, normalized, 0, 0);
    return buffer;
  }
}

export class MapView {
  private readonly gl: WebGL2RenderingContext;
  private readonly canvas: HTMLCanvasElement;
  private selectedCount = 0;
  /** Built on first need (see pickTree). */
  private tree: KDBush | undefined;
  private readonly stage: HTMLElement;
  private readonly labels: HTMLElement[];
  private readonly box: HTMLElement;
  /** What the canvas shows, and what the user has moved it to (shown by a CSS transform until drawn). */
  private drawn: View;
  private view: View;
  private readonly fitScale: number;
  private readonly largestRadius: number;
  /** How long the first draw took, the GPU's work included (known once the GPU has done it). */
  readonly firstDrawMs: Promise<number>;
  /**
   * Whether gestures redraw on every move: a timed draw was quicker than LIVE_REDRAW_MS. Until
   * the first draw is timed they move the picture drawn, which is right wherever drawing is slow.
   */
  private liveRedraw = false;
  private timing = false;
  private frameRequest = 0;
  private wheelTimer = 0;
  private readonly detach: () => void;

  constructor(
    private readonly frame: HTMLElement,
    private readonly surface: MapCanvas,
    private readonly points: MapPointsStyle,
    private readonly options: MapViewOptions,
  ) {
    this.gl = surface.gl;
    this.canvas = surface.element;
    this.largestRadius = points.radii.reduce((a, b) => Math.max(a, b), 0);
    surface.upload(points);

    // The canvas and the labels move together while a gesture is shown as a transform.
    this.stage = document.createElement('div');
    this.stage.className = 'map-stage';
    // The regions' labels are the regions list's buttons again, which screen readers reach there.
    this.stage.setAttribute('aria-hidden', 'true');
    this.canvas.replaceWith(this.stage);
    this.stage.append(this.canvas);
    this.labels = options.labels.map((label) => {
      const element = document.createElement('span');
      element.className = 'map-label';
      element.textContent = label.text;
      this.stage.append(element);
      return element;
    });
    this.box = document.createElement('div');
    this.box.className = 'map-box';
    this.box.hidden = true;
    frame.append(this.box);

    this.fitScale = Math.max(1, Math.min(frame.clientWidth, frame.clientHeight)) / 2.1;
    this.view = { x: 0, y: 0, scale: this.fitScale };
    this.drawn = { ...this.view };
    this.resize();
    this.firstDrawMs = this.timedDraw();
    this.detach = this.listen();
  }

  /** Rings these points (indices into the points), drawn over the others. */
  select(indices: Uint32Array): void {
    const { gl } = this;
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.surface.buffers.selection);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, indices, gl.DYNAMIC_DRAW);
    this.selectedCount = indices.length;
    this.requestDraw();
  }

  /** Where a point is now, in CSS pixels from the frame's inner (padding) edge. */
  project(index: number): [number, number] {
    return screenOf(this.view, this.size(), this.points.positions[2 * index], this.points.positions[2 * index + 1]);
  }

  destroy(): void {
    this.detach();
    cancelAnimationFrame(this.frameRequest);
    clearTimeout(this.wheelTimer);
  }

  private size(): FrameSize {
    return { width: this.frame.clientWidth, height: this.frame.clientHeight };
  }

  private resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.size();
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
  }

  /**
   * Draws the current view and times it, the GPU's work included, by a fence the GPU signals
   * when done (waiting for it, as readPixels would, would hold the page until then); decides
   * from that whether gestures redraw live.
   */
  private timedDraw(): Promise<number> {
    const { gl } = this;
    const started = performance.now();
    this.draw();
    const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0)!;
    gl.flush();
    this.timing = true;
    return new Promise((resolve) => {
      // A fence's state is only updated between tasks.
      const poll = () => {
        if (!gl.isContextLost() && gl.getSyncParameter(fence, gl.SYNC_STATUS) !== gl.SIGNALED) return void setTimeout(poll, 1);
        gl.deleteSync(fence);
        const took = performance.now() - started;
        this.timing = false;
        this.liveRedraw = took <= LIVE_REDRAW_MS;
        resolve(took);
      };
      setTimeout(poll, 0);
    });
  }

  private draw(): void {
    const { gl, view } = this;
    const { uniforms } = this.surface;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.size();
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.useProgram(this.surface.program);
    gl.uniform2f(uniforms.centre, view.x, view.y);
    gl.uniform2f(uniforms.toClip, (2 * view.scale) / width, (2 * view.scale) / height);
    gl.uniform1f(uniforms.pixelRatio, ratio);
    gl.uniform1f(uniforms.ringRadius, 0);
    gl.drawArrays(gl.POINTS, 0, this.points.radii.length);
    if (this.selectedCount > 0) {
      gl.uniform1f(uniforms.ringRadius, this.options.ringRadius);
      gl.drawElements(gl.POINTS, this.selectedCount, gl.UNSIGNED_INT, 0);
    }
    this.drawn = { ...view };
    this.options.labels.forEach((label, i) => {
      const [x, y] = screenOf(view, this.size(), label.x, label.y);
      this.labels[i].style.transform = `translate(${x}px, ${y}px) translate(-50%, -50%)`;
    });
    this.stage.style.transform = '';
  }

  private requestDraw(): void {
    if (this.frameRequest) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      // Where redraws were slow, timed again (a first draw slowed by one-off work, a driver
      // building its pipeline, decides nothing for good); where live, not: timing waits for the
      // GPU, which would stall every frame of a drag.
      if (this.liveRedraw || this.timing) this.draw();
      else void this.timedDraw();
    });
  }

  /** Shows the view the user has moved to: drawn, or, where redraws are slow and a gesture goes on, the drawn picture moved there. */
  private show(gestureGoesOn: boolean): void {
    if (this.liveRedraw || !gestureGoesOn) return this.requestDraw();
    const { dx, dy, k } = pictureMove(this.drawn, this.view);
    this.stage.style.transform = `translate(${dx}px, ${dy}px) scale(${k})`;
  }

  private zoomAt(px: number, py: number, factor: number): void {
    const scale = Math.min(this.fitScale * ZOOM_RANGE.in, Math.max(this.fitScale * ZOOM_RANGE.out, this.view.scale * factor));
    this.view = zoomedAbout(this.view, this.size(), px, py, scale);
  }

  private panBy(dx: number, dy: number): void {
    this.view = { ...this.view, x: this.view.x - dx / this.view.scale, y: this.view.y + dy / this.view.scale };
  }

  /** The k-d tree of the points, built on first need: 0.1 s at 95,000 papers in a slow browser, which the first paint need not wait for. */
  private pickTree(): KDBush {
    if (this.tree) return this.tree;
    const { positions } = this.points;
    const n = positions.length / 2;
    const tree = new KDBush(Math.max(n, 1), 64, Float32Array);
    for (let i = 0; i < n; i++) tree.add(positions[2 * i], positions[2 * i + 1]);
    if (n === 0) tree.add(Infinity, Infinity);
    tree.finish();
    return (this.tree = tree);
  }

  /** The point nearest to these frame pixels within its radius (and a little more), or -1. */
  private pick(px: number, py: number): number {
    const [x, y] = mapOf(this.view, this.size(), px, py);
    const reach = (this.largestRadius + PICK_SLOP) / this.view.scale;
    let best = -1;
    let bestDistance = Infinity;
    for (const i of this.pickTree().within(x, y, reach)) {
      const [sx, sy] = this.project(i);
      const distance = Math.hypot(sx - px, sy - py);
      if (distance <= this.points.radii[i] + PICK_SLOP && distance < bestDistance) [best, bestDistance] = [i, distance];
    }
    return best;
  }

  private listen(): () => void {
    const { frame } = this;
    // Within the frame's border, where the canvas is.
    const local = (event: MouseEvent): [number, number] => {
      const bounds = frame.getBoundingClientRect();
      return [event.clientX - bounds.left - frame.clientLeft, event.clientY - bounds.top - frame.clientTop];
    };
    /** The press under way, of one pointer: a second finger's is ignored until it ends. */
    let press: { pointer: number; start: [number, number]; last: [number, number]; box: boolean; moved: boolean } | undefined;
    let hovered = -1;
    const hover = (index: number, at: [number, number]) => {
      if (index === hovered) return;
      hovered = index;
      frame.style.cursor = index >= 0 ? 'pointer' : '';
      this.options.onHover(index, at[0], at[1]);
    };
    const down = (event: PointerEvent) => {
      if (event.button !== 0 || press) return;
      const at = local(event);
      press = { pointer: event.pointerId, start: at, last: at, box: event.shiftKey, moved: false };
      frame.setPointerCapture(event.pointerId);
      hover(-1, at);
    };
    const move = (event: PointerEvent) => {
      const at = local(event);
      if (!press) return hover(this.pick(...at), at);
      if (event.pointerId !== press.pointer) return;
      press.moved ||= Math.hypot(at[0] - press.start[0], at[1] - press.start[1]) >= CLICK_SLOP;
      if (!press.moved) return;
      if (press.box) {
        const [x0, y0, x1, y1] = [Math.min(press.start[0], at[0]), Math.min(press.start[1], at[1]), Math.max(press.start[0], at[0]), Math.max(press.start[1], at[1])];
        Object.assign(this.box.style, { left: `${x0}px`, top: `${y0}px`, width: `${x1 - x0}px`, height: `${y1 - y0}px` });
        this.box.hidden = false;
      } else {
        frame.style.cursor = 'grabbing';
        this.panBy(at[0] - press.last[0], at[1] - press.last[1]);
        this.show(true);
      }
      press.last = at;
    };
    const up = (event: PointerEvent) => {
      if (event.pointerId !== press?.pointer) return;
      const at = local(event);
      const ended = press;
      press = undefined;
      frame.style.cursor = '';
      if (!ended.moved) {
        const index = this.pick(...at);
        if (index >= 0) this.options.onClick(index);
      } else if (ended.box) {
        this.box.hidden = true;
        const [ax, ay] = mapOf(this.view, this.size(), ended.start[0], ended.start[1]);
        const [bx, by] = mapOf(this.view, this.size(), at[0], at[1]);
        this.options.onBox(this.pickTree().range(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)).sort((a, b) => a - b));
      } else {
        this.show(false);
      }
    };
    // A press the browser took over (a touch turned into a scroll, say) ends nothing: no click, no box.
    const cancel = (event: PointerEvent) => {
      if (event.pointerId !== press?.pointer) return;
      press = undefined;
      this.box.hidden = true;
      frame.style.cursor = '';
      this.show(false);
    };
    const wheel = (event: WheelEvent) => {
      event.preventDefault();
      const at = local(event);
      hover(-1, at);
      this.zoomAt(at[0], at[1], Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)));
      this.show(true);
      clearTimeout(this.wheelTimer);
      this.wheelTimer = window.setTimeout(() => this.show(false), WHEEL_SETTLE_MS);
    };
    const key = (event: KeyboardEvent) => {
      // The browser's own: zoom (Ctrl + and −), history (Alt and an arrow).
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const { width, height } = this.size();
      const step = 60;
      const pans: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (pans[event.key]) this.panBy(...pans[event.key]);
      else if (event.key === '+' || event.key === '=') this.zoomAt(width / 2, height / 2, 2);
      else if (event.key === '-') this.zoomAt(width / 2, height / 2, 0.5);
      else return;
      event.preventDefault();
      hover(-1, [0, 0]);
      this.show(false);
    };
    const leave = () => press || hover(-1, [0, 0]);
    const resized = new ResizeObserver(() => {
      const { width, height } = this.canvas;
      this.resize();
      if (this.canvas.width !== width || this.canvas.height !== height) this.draw();
    });
    resized.observe(frame);
    frame.addEventListener('pointerdown', down);
    frame.addEventListener('pointermove', move);
    frame.addEventListener('pointerup', up);
    frame.addEventListener('pointercancel', cancel);
    frame.addEventListener('pointerleave', leave);
    frame.addEventListener('wheel', wheel, { passive: false });
    frame.addEventListener('keydown', key);
    return () => {
      resized.disconnect();
      frame.removeEventListener('pointerdown', down);
      frame.removeEventListener('pointermove', move);
      frame.removeEventListener('pointerup', up);
      frame.removeEventListener('pointercancel', cancel);
      frame.removeEventListener('pointerleave', leave);
      frame.removeEventListener('wheel', wheel);
      frame.removeEventListener('keydown', key);
    };
  }
}

function linkProgram(gl: WebGL2RenderingContext): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, VERTEX_SHADER],
    [gl.FRAGMENT_SHADER, FRAGMENT_SHADER],
  ] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`the map's shaders did not link: ${gl.getProgramInfoLog(program)}`);
  return program;
}
