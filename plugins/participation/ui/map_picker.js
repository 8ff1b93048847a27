// The place picker of the ask form: the neighbourhoods' outlines (GET /api/neighbourhoods) drawn
// as an SVG, no tiles (nothing loads from another server). A click or a tap sets the point; with
// the keyboard the arrow keys move the marker (Shift: larger steps). A live line names the
// neighbourhood under the marker; the server refuses a point outside every outline anyway.

// Outer rings and holes of a GeoJSON Polygon or MultiPolygon, as lists of [lon, lat].
function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

function inRing(ring, lon, lat) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// The neighbourhood whose outline holds the point (the first, as the server's neighbourhood_at).
export function neighbourhoodAt(neighbourhoods, lon, lat) {
  return neighbourhoods.find((n) => polygonsOf(n.polygon).some((rings) =>
    rings.length && inRing(rings[0], lon, lat) && !rings.slice(1).some((hole) => inRing(hole, lon, lat))));
}

const WIDTH = 320;
const PAD = 8;

// A flat projection fit to the outlines' extent: longitudes shrink by cos(latitude), as on a map.
function projection(neighbourhoods) {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const n of neighbourhoods)
    for (const rings of polygonsOf(n.polygon))
      for (const [lon, lat] of rings[0] || []) {
        minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
      }
  if (!Number.isFinite(minLon)) return null;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = (WIDTH - 2 * PAD) / spanX;
  const height = Math.max(80, Math.min(WIDTH * 1.5, spanY * scale + 2 * PAD));
  const s = Math.min(scale, (height - 2 * PAD) / spanY);
  return {
    width: WIDTH, height,
    step: Math.max(maxLat - minLat, (maxLon - minLon) * kx) / 40,  // degrees of latitude per key press
    kx,
    toXY: (lon, lat) => [PAD + (lon - minLon) * kx * s, PAD + (maxLat - lat) * s],
    toLonLat: (x, y) => [minLon + (x - PAD) / (kx * s), maxLat - (y - PAD) / s],
    centre: [(minLon + maxLon) / 2, (minLat + maxLat) / 2],
  };
}

function pathOf(p, n) {
  return polygonsOf(n.polygon).map((rings) => rings.map((ring) =>
    ring.map(([lon, lat], i) => {
      const [x, y] = p.toXY(lon, lat);
      return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    }).join('') + 'Z').join('')).join('');
}

let pickers = 0;

export function mapPicker(shell) {
  const { t } = shell;
  const { h } = shell.preact;
  const { useMemo, useState } = shell.preact.hooks;

  // value: { lat, lon } as numbers or null; onValue(next or null).
  return function MapPicker({ neighbourhoods, value, onValue }) {
    const [ids] = useState(() => ++pickers);
    const drawn = useMemo(() => neighbourhoods.filter((n) => polygonsOf(n.polygon).length), [neighbourhoods]);
    const p = useMemo(() => projection(drawn), [drawn]);
    if (!p) return null;
    const hint = `participation-map-hint-${ids}`;
    const here = value ? neighbourhoodAt(drawn, value.lon, value.lat) : null;
    const set = (lon, lat) => onValue({ lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) });

    const onClick = (e) => {
      const svg = e.currentTarget;
      const m = svg.getScreenCTM();
      if (!m) return;
      const pt = svg.createSVGPoint();
      pt.x = e.clientX;
      pt.y = e.clientY;
      const at = pt.matrixTransform(m.inverse());
      const [lon, lat] = p.toLonLat(at.x, at.y);
      set(lon, lat);
    };
    const onKeyDown = (e) => {
      const moves = { ArrowUp: [0, 1], ArrowDown: [0, -1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        onValue(null);
        return;
      }
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      const step = p.step * (e.shiftKey ? 5 : 1);
      const [lon, lat] = value ? [value.lon, value.lat] : p.centre;
      if (!value) return set(lon, lat);  // the first press puts the marker in the middle
      set(lon + (move[0] * step) / p.kx, lat + move[1] * step);
    };

    const marker = value ? p.toXY(value.lon, value.lat) : null;
    const where = !value ? t('participation.map_none')
      : here ? t('participation.map_in', { name: here.name, lat: value.lat.toFixed(5), lon: value.lon.toFixed(5) })
        : t('participation.map_outside', { lat: value.lat.toFixed(5), lon: value.lon.toFixed(5) });
    return h('div', { class: 'participation-map' },
      h('p', { id: hint, class: 'field-hint' }, t('participation.map_hint')),
      h('svg', {
        viewBox: `0 0 ${p.width} ${p.height.toFixed(0)}`, width: '100%', role: 'application', tabindex: 0,  // lower-case: SVG attributes are case-sensitive
        'aria-roledescription': t('participation.map_role'), 'aria-label': t('participation.map_label'),
        'aria-describedby': hint, onClick, onKeyDown,
        style: 'max-width: 32rem; display: block; touch-action: manipulation; cursor: crosshair; border: 1px solid currentColor; border-radius: 4px',
      },
      drawn.map((n) => h('path', {
        key: n.id, d: pathOf(p, n), 'fill-rule': 'evenodd',
        fill: here && here.id === n.id ? 'rgba(0, 102, 153, 0.35)' : 'rgba(0, 102, 153, 0.12)',
        stroke: 'rgb(0, 82, 122)', 'stroke-width': 1.5,
      }, h('title', null, n.name))),
      marker ? h('g', { 'aria-hidden': 'true' },
        h('circle', { cx: marker[0], cy: marker[1], r: 7, fill: here ? 'rgb(180, 30, 30)' : 'rgb(90, 90, 90)', stroke: 'white', 'stroke-width': 2 }),
        h('circle', { cx: marker[0], cy: marker[1], r: 2, fill: 'white' })) : null),
      h('p', { class: 'participation-map-place', 'aria-live': 'polite' }, where),
      value ? h('button', { type: 'button', class: 'button button-secondary', onClick: () => onValue(null) }, t('participation.map_clear')) : null);
  };
}
