import type { BlocksApp } from "../lib/blocks/blocks_app.ts";
import { BlocksView } from "./blocks/BlocksPage.tsx";
import PetExtras from "../islands/PetExtras.tsx";
import type { Example } from "./examples.ts";

/** Props of {@link PetApp}. */
export interface PetAppProps {
  /** The pet declaration (`apps/pet_segmentation.ts`) and where it is mounted. */
  app: BlocksApp;
  root: string;
  examples: Example[];
  maxBytes: number;
  embed?: boolean;
}

/**
 * The pet page body: the kit renders the declaration (photo, Process Image,
 * mask, info, download) and {@link PetExtras} adds the page's extras.
 *
 * @example
 * ```tsx
 * <PetApp app={mounted.app} root="" examples={EXAMPLES} maxBytes={15 << 20} />
 * ```
 */
export function PetApp({ app, root, examples, maxBytes, embed }: PetAppProps) {
  const dep = app.endpoint("process_image");
  if (!dep) throw new Error("The pet app has no process_image binding");
  return (
    <div class="pet-app">
      <BlocksView
        app={app}
        root={root}
        extras={(kit) => {
          const [mask, info, download] = dep.outputs.map(kit.value);
          return (
            <PetExtras
              root={root}
              api={kit.api(dep)}
              input={kit.value(dep.inputs[0])}
              mask={mask}
              info={info}
              download={download}
              status={kit.status(dep)}
              examples={examples}
              maxBytes={maxBytes}
              embed={embed}
            />
          );
        }}
      />
    </div>
  );
}
