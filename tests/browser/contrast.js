// Contrast of the text inside the elements matching a selector, from computed colours.
// The background is the one a reader sees: the element's and its ancestors' backgrounds,
// Bootstrap's inset box-shadow tints of table cells (striped, hover, active) included,
// composited over white. Returns one entry per element that holds text of its own.
(selector) => {
  const parse = (value) => {
    const m = value && value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  };
  const insetTint = (style) => {
    const shadow = style.boxShadow;
    if (!shadow || shadow === "none" || !shadow.includes("inset")) return null;
    const colour = parse(shadow);
    const spread = shadow.match(/(\d+)px inset|inset.*?(\d{3,})px/);
    return colour && colour.a > 0 && spread ? colour : null;
  };
  // The layers painted under an element's text, from the element up to the page.
  const background = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      const tint = insetTint(style);
      if (tint) layers.push(tint);
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) layers.push(colour);
      if (colour && colour.a === 1) break;
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = (c) => {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) =>
    "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  const visible = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return (
      style.visibility !== "hidden" &&
      style.display !== "none" &&
      box.width > 1 &&
      box.height > 1 &&
      !element.closest(".visually-hidden")
    );
  };
  const results = [];
  for (const root of document.querySelectorAll(selector)) {
    for (const element of [root, ...root.querySelectorAll("*")]) {
      const ownText = [...element.childNodes]
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent.trim())
        .join(" ")
        .trim();
      if (!ownText || !visible(element)) continue;
      const style = getComputedStyle(element);
      const bg = background(element);
      const fg = over(parse(style.color), bg);
      results.push({
        text: ownText.slice(0, 40),
        tag: element.tagName.toLowerCase() + (element.className ? "." + String(element.className).trim().replace(/\s+/g, ".") : ""),
        color: hex(fg),
        background: hex(bg),
        ratio: Math.round(ratio(fg, bg) * 100) / 100,
      });
    }
  }
  return results;
}
