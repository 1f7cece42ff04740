/**
 * @module
 * A small, safe Markdown renderer (client-safe): headings, paragraphs,
 * emphasis, inline code, fenced code, links (http/https/relative only),
 * lists and line breaks. All text is HTML-escaped; raw HTML is not rendered.
 */

/**
 * Renders Markdown to HTML.
 *
 * @example
 * ```ts
 * renderMarkdown("## Hi *you*");      // "<h2>Hi <em>you</em></h2>"
 * renderMarkdown("<script>x</script>"); // "<p>&lt;script&gt;x&lt;/script&gt;</p>"
 * ```
 */
export function renderMarkdown(src: string): string {
  const out: string[] = [];
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  let para: string[] = [];
  let list: { tag: string; items: string[] } | null = null;
  const flushPara = () => {
    if (para.length) out.push(`<p>${para.map(inline).join("<br>")}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list) {
      out.push(
        `<${list.tag}>${
          list.items.map((i) => `<li>${inline(i)}</li>`).join("")
        }</${list.tag}>`,
      );
    }
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flushPara();
      flushList();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) {
        code.push(lines[i]);
      }
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const h = line.match(/^(#{1,6})\s+(.*)$/);
    const li = line.match(/^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/);
    if (h) {
      flushPara();
      flushList();
      out.push(
        `<h${h[1].length}>${inline(h[2].replace(/\s+#+\s*$/, ""))}</h${
          h[1].length
        }>`,
      );
    } else if (li) {
      flushPara();
      const tag = li[1] ? "ul" : "ol";
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push(li[3]);
    } else if (line.trim() === "") {
      flushPara();
      flushList();
    } else {
      flushList();
      para.push(line.trim());
    }
  }
  flushPara();
  flushList();
  return out.join("\n");
}

/** Escapes `& < > " '`. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[
        c
      ]!,
  );
}

function inline(text: string): string {
  const codes: string[] = [];
  let s = escapeHtml(text).replace(/`([^`]+)`/g, (_, c) => {
    codes.push(`<code>${c}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, t, href) => {
    const url = href.replace(/&amp;/g, "&");
    if (!/^(https?:\/\/|\/(?!\/)|#|\.\.?\/)/i.test(url)) return t;
    const ext = /^https?:/i.test(url)
      ? ' rel="noopener noreferrer" target="_blank"'
      : "";
    return `<a href="${escapeHtml(url)}"${ext}>${t}</a>`;
  });
  s = s.replace(
    /\*\*([^*]+)\*\*|__([^_]+)__/g,
    (_, a, b) => `<strong>${a ?? b}</strong>`,
  )
    .replace(/\*([^*]+)\*|\b_([^_]+)_\b/g, (_, a, b) => `<em>${a ?? b}</em>`);
  return s.replace(/\uE000(\d+)\uE000/g, (_, i) => codes[Number(i)]);
}
