import type { WidgetProps, WireFile } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** Gallery: a grid of images with captions. */
export function GalleryWidget(
  p: WidgetProps<{ image: WireFile; caption: string | null }[] | null>,
) {
  const items = p.value ?? [];
  const columns = (p.props.columns as number | undefined) ?? 3;
  const label = (p.props.label as string | undefined) ?? "Gallery";
  return (
    <Block {...p} props={{ ...p.props, label: undefined }}>
      <p class="bk-label" id={`${p.id}-label`}>{label}</p>
      {items.length
        ? (
          <ul
            class="bk-gallery"
            aria-labelledby={`${p.id}-label`}
            style={`grid-template-columns:repeat(${columns},minmax(0,1fr))`}
          >
            {items.map((it, i) => (
              <li key={i}>
                <figure>
                  <a href={it.image.url} target="_blank" rel="noopener">
                    <img
                      src={it.image.url}
                      alt={it.caption ?? `${label} ${i + 1}`}
                      loading="lazy"
                      style={p.props.object_fit
                        ? `object-fit:${p.props.object_fit}`
                        : undefined}
                    />
                  </a>
                  {it.caption && <figcaption>{it.caption}</figcaption>}
                </figure>
              </li>
            ))}
          </ul>
        )
        : <p class="bk-empty">Nothing yet.</p>}
    </Block>
  );
}
