// Tiny DOM helpers: no framework, no inline styles or scripts (the CSP forbids them).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `groups-${prefix}-${counter}`;
}

// A labelled form field; returns {wrap, input}.
export function field(label, input, hint) {
  const id = input.id || uid('field');
  input.id = id;
  const parts = [el('label', { for: id, text: label }), input];
  if (hint) {
    const hid = uid('hint');
    input.setAttribute('aria-describedby', hid);
    parts.push(el('p', { class: 'hint', id: hid, text: hint }));
  }
  return { wrap: el('div', { class: 'field' }, ...parts), input };
}

// An error box read out by screen readers.
export function errorBox(message) {
  return el('div', { class: 'alert alert-error', role: 'alert', text: message });
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}
