import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";

export default function Card(
  props: { title: string; children?: ComponentChildren },
) {
  const [open, setOpen] = useState(true);
  return (
    <section id="card">
      <button type="button" id="toggle" onClick={() => setOpen(!open)}>
        {props.title}
      </button>
      {open && <div class="body">{props.children}</div>}
    </section>
  );
}
