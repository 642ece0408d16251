/**
 * Gauss–Legendre quadrature for the model's closed-form checks (bivariate orthants, confidence
 * AUROC and calibration). Composite panels keep smooth integrands exact to ~1e-10.
 */

// 20-point Gauss–Legendre rule on [-1, 1]: positive nodes and their weights (symmetric).
const NODES = [
  0.0765265211334973, 0.2277858511416451, 0.3737060887154195, 0.5108670019508271, 0.636053680726515,
  0.7463319064601508, 0.8391169718222188, 0.9122344282513259, 0.9639719272779138, 0.9931285991850949,
];
const WEIGHTS = [
  0.152753387130725, 0.1491729864726037, 0.142096109318382, 0.1316886384491766, 0.1181945319615184,
  0.1019301198172404, 0.0832767415767048, 0.0626720483341091, 0.0406014298003869, 0.0176140071391521,
];

/** ∫ f(x) dx from `low` to `high` (either order) with `panels` equal panels of the 20-point rule. */
export function integrate(f: (x: number) => number, low: number, high: number, panels = 1): number {
  if (high === low) return 0;
  const width = (high - low) / panels;
  let total = 0;
  for (let panel = 0; panel < panels; panel++) {
    const center = low + (panel + 0.5) * width;
    const half = width / 2;
    let sum = 0;
    for (let index = 0; index < NODES.length; index++) {
      const offset = half * NODES[index]!;
      sum += WEIGHTS[index]! * (f(center - offset) + f(center + offset));
    }
    total += sum * half;
  }
  return total;
}

/** Standard normal density φ. */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}
