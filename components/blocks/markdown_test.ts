import assert from "node:assert/strict";
import { renderMarkdown } from "./markdown.ts";

Deno.test("markdown - headings, emphasis, lists, code, links", () => {
  assert.equal(renderMarkdown("## Hi *you*"), "<h2>Hi <em>you</em></h2>");
  assert.equal(
    renderMarkdown("**b** and `x<y`"),
    "<p><strong>b</strong> and <code>x&lt;y</code></p>",
  );
  assert.equal(renderMarkdown("- a\n- b"), "<ul><li>a</li><li>b</li></ul>");
  assert.equal(renderMarkdown("1. a\n2. b"), "<ol><li>a</li><li>b</li></ol>");
  assert.equal(
    renderMarkdown("```\n<b>\n```"),
    "<pre><code>&lt;b&gt;</code></pre>",
  );
  assert.equal(renderMarkdown("[x](/demos)"), '<p><a href="/demos">x</a></p>');
});

Deno.test("markdown - raw HTML and script URLs are never rendered", () => {
  assert.equal(
    renderMarkdown("<script>alert(1)</script>"),
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
  );
  assert.equal(renderMarkdown("[x](javascript:alert)"), "<p>x</p>");
  assert.ok(!renderMarkdown("[x](javascript:alert(1))").includes("<a"));
  assert.ok(!renderMarkdown("[x](//evil.example)").includes("<a"));
  assert.ok(
    !renderMarkdown('[x](" onmouseover=alert(1))').includes(
      'onmouseover=alert(1)"',
    ),
  );
  assert.equal(
    renderMarkdown('<img src=x onerror="alert(1)">'),
    "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>",
  );
});
