import type { WidgetProps, WireFile } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { useImagePreview } from "../../client/kit/use_image_preview.ts";

/** One picture, linked to its file; a HEIC the browser cannot show gets the server's preview. */
function GalleryImage(p: { image: WireFile; alt: string; fit?: string }) {
  const shown = useImagePreview(p.image);
  return (
    <a href={p.image.url} target="_blank" rel="noopener">
      {shown.url && (
        <img
          src={shown.url}
          alt={p.alt}
          loading="lazy"
          onError={shown.onError}
          style={p.fit ? `object-fit:${p.fit}` : undefined}
        />
      )}
      {shown.note && <span class="bk-empty">{shown.note}</span>}
    </a>
  );
}

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
                  <GalleryImage
                    image={it.image}
                    alt={it.caption ?? `${label} ${i + 1}`}
                    fit={p.props.object_fit as string | undefined}
                  />
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
