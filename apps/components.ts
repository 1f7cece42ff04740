/**
 * @module
 * `/demos/components`: every kit component on one page, each wired to a
 * small function so it can be tried.
 */
import {
  audio,
  blocks,
  BlocksError,
  button,
  checkbox,
  dataframe,
  dropdown,
  file,
  type FileValue,
  gallery,
  image,
  json,
  label,
  markdown,
  microphone,
  number,
  radio,
  sketchpad,
  slider,
  textArea,
  textbox,
  video,
} from "../lib/blocks/mod.ts";
import type { FnContext } from "../lib/blocks/blocks_app.ts";
import { runImageOp } from "../lib/image/offload.ts";

/** Reverses text (by code point). */
export function reverse_text(text: string): string {
  return [...text].reverse().join("");
}

/** n² and a small multiplication table. */
export function square(n: number | null): [number | null, (number | null)[][]] {
  if (n === null) return [null, []];
  return [n * n, [1, 2, 3, 4, 5].map((i) => [i, n * i])];
}

const POSITIVE =
  /\b(good|great|love|lovely|happy|nice|excellent|cute|best|wonderful|like)\b/gi;
const NEGATIVE =
  /\b(bad|awful|hate|sad|terrible|worst|ugly|angry|poor|boring)\b/gi;

/** A toy sentiment score (word lists) and a Markdown summary of the text. */
export function analyze_text(text: string): [Record<string, number>, string] {
  const pos = text.match(POSITIVE)?.length ?? 0;
  const neg = text.match(NEGATIVE)?.length ?? 0;
  const total = pos + neg + 1;
  const words = text.trim() ? text.trim().split(/\s+/).length : 0;
  return [
    { positive: pos / total, negative: neg / total, neutral: 1 / total },
    `**${words}** word${
      words === 1 ? "" : "s"
    }, **${text.length}** characters.\n\n- positive words: ${pos}\n- negative words: ${neg}`,
  ];
}

/** Collects the choice widgets' values. */
export function summarize_choices(
  pet: unknown,
  size: unknown,
  toppings: unknown,
  age: number,
  vaccinated: boolean,
) {
  return { pet, size, toppings, age, vaccinated };
}

/** Describes an uploaded file and hands it back for download. */
export function describe_file(
  f: FileValue | null,
): [Record<string, unknown>, FileValue | null] {
  if (!f) throw new BlocksError("Upload a file first.");
  return [{ name: f.name, size: f.size, mimeType: f.mimeType }, f];
}

/** Mirrors an image left-right; also shows both in a gallery, with the sizes. */
export async function mirror_image(
  img: FileValue | null,
  ctx?: FnContext,
) {
  if (!img) throw new BlocksError("Choose an image first.");
  // Decoding an uploaded file is untrusted work: off the event loop, stoppable.
  const { png, width, height } = await runImageOp({
    op: "mirror",
    bytes: img.bytes,
    maxPixels: 24_000_000,
    maxSide: 640,
  }, ctx?.signal);
  const mirrored = { bytes: png, name: "mirrored.png" };
  return [mirrored, [[img, "Original"], [mirrored, "Mirrored"]], {
    name: img.name,
    width,
    height,
    bytes: img.size,
  }];
}

/** Plays an uploaded or recorded clip back, with its details. */
export function echo_audio(
  clip: FileValue | null,
): [FileValue | null, Record<string, unknown>] {
  if (!clip) throw new BlocksError("Choose or record a clip first.");
  return [clip, { name: clip.name, size: clip.size, mimeType: clip.mimeType }];
}

/** Same as {@link echo_audio}, for the microphone. */
export function echo_recording(
  clip: FileValue | null,
): [FileValue | null, Record<string, unknown>] {
  return echo_audio(clip);
}

/** Shows an uploaded video back. */
export function echo_video(clip: FileValue | null): FileValue {
  if (!clip) throw new BlocksError("Choose a video first.");
  return clip;
}

/** How much of the sketch is ink, and the drawing itself. */
export async function inspect_sketch(
  png: FileValue | null,
  ctx?: FnContext,
): Promise<[FileValue, Record<string, number>]> {
  if (!png) throw new BlocksError("Draw something first.");
  const { ink } = await runImageOp({
    op: "ink",
    bytes: png.bytes,
    maxPixels: 4_000_000,
  }, ctx?.signal);
  return [png, { ink, blank: 1 - ink }];
}

/** Adds a total row to a numeric table and reports column sums. */
export function column_totals(
  table: { headers: string[]; data: (string | number | boolean | null)[][] },
) {
  const sums = table.headers.map((_, c) =>
    table.data.reduce((s, r) => s + (Number(r[c]) || 0), 0)
  );
  return [
    { headers: table.headers, data: [...table.data, sums] },
    Object.fromEntries(table.headers.map((h, i) => [h, sums[i]])),
  ];
}

/** The components gallery app. */
export const componentsDemo = () =>
  blocks({ title: "Components" }, (b) => {
    b.add(
      markdown(
        "# Components\nEvery component of the kit, each wired to a small function. Try them.",
      ),
    );

    b.add(markdown("## Text: Textbox, Number, TextArea, Label, Markdown"));
    b.row(() => {
      const text = b.add(
        textbox({
          label: "Text",
          placeholder: "Type something and press Enter",
        }),
      );
      const reversed = b.add(
        textbox({ label: "Reversed", interactive: false }),
      );
      text.submit(reverse_text, text, reversed);
      b.add(button("Reverse")).click(reverse_text, text, reversed, {
        apiName: "reverse",
      });
    });
    b.row(() => {
      const n = b.add(number({ label: "Number", value: 4 }));
      const sq = b.add(number({ label: "Squared", interactive: false }));
      const table = b.add(
        dataframe({
          label: "Multiplication table",
          headers: ["×", "result"],
          interactive: false,
        }),
      );
      b.add(button("Square")).click(square, n, [sq, table]);
    });
    b.row(() => {
      const review = b.add(
        textArea({
          label: "Review",
          value: "What a lovely, cute dog. I love it!",
        }),
      );
      b.column(() => {
        const sentiment = b.add(
          label({ label: "Sentiment", numTopClasses: 3 }),
        );
        const summary = b.add(markdown({ label: "Summary" }));
        b.add(button("Analyze")).click(analyze_text, review, [
          sentiment,
          summary,
        ]);
      });
    });

    b.add(markdown("## Choices: Radio, Dropdown, Slider, Checkbox, JSON"));
    b.row(() => {
      const pet = b.add(
        radio({
          label: "Pet",
          choices: ["cat", "dog", "rabbit"],
          value: "cat",
        }),
      );
      const size = b.add(
        dropdown({
          label: "Size",
          choices: ["small", "medium", "large"],
          value: "medium",
        }),
      );
      const toppings = b.add(
        dropdown({
          label: "Toys",
          choices: ["ball", "rope", "mouse"],
          multiselect: true,
        }),
      );
      const age = b.add(
        slider({ label: "Age", minimum: 0, maximum: 20, value: 3 }),
      );
      const vaccinated = b.add(checkbox({ label: "Vaccinated" }));
      const summary = b.add(json({ label: "Choices" }));
      b.add(button("Summarize")).click(summarize_choices, [
        pet,
        size,
        toppings,
        age,
        vaccinated,
      ], summary);
    });

    b.add(
      markdown(
        "## Files and media: File, Image, Gallery, Audio, Microphone, Video, Sketchpad",
      ),
    );
    b.row(() => {
      const f = b.add(file({ label: "Any file" }));
      const info = b.add(json({ label: "File details" }));
      const back = b.add(
        file({ label: "Download it back", interactive: false }),
      );
      b.add(button("Describe file")).click(describe_file, f, [info, back]);
    });
    b.row(() => {
      const img = b.add(
        image({ label: "Image (upload, drag-drop, paste or webcam)" }),
      );
      b.column(() => {
        const mirrored = b.add(
          image({ label: "Mirrored", interactive: false }),
        );
        const both = b.add(gallery({ label: "Gallery", columns: 2 }));
        const details = b.add(json({ label: "Image details" }));
        b.add(button("Mirror image")).click(mirror_image, img, [
          mirrored,
          both,
          details,
        ]);
      });
    });
    b.row(() => {
      const clip = b.add(audio({ label: "Audio file", sources: ["upload"] }));
      const played = b.add(audio({ label: "Played back", interactive: false }));
      const details = b.add(json({ label: "Audio details" }));
      b.add(button("Play back")).click(echo_audio, clip, [played, details]);
    });
    b.row(() => {
      const mic = b.add(microphone({ label: "Microphone" }));
      const played = b.add(audio({ label: "Recording", interactive: false }));
      const details = b.add(json({ label: "Recording details" }));
      b.add(button("Play recording")).click(echo_recording, mic, [
        played,
        details,
      ]);
    });
    b.row(() => {
      const clip = b.add(video({ label: "Video file" }));
      const shown = b.add(video({ label: "Video", interactive: false }));
      b.add(button("Show video")).click(echo_video, clip, shown);
    });
    b.row(() => {
      const pad = b.add(
        sketchpad({ label: "Sketchpad", canvasSize: [320, 240] }),
      );
      b.column(() => {
        const drawing = b.add(
          image({ label: "Your drawing", interactive: false }),
        );
        const ink = b.add(label({ label: "Ink coverage" }));
        b.add(button("Inspect sketch")).click(inspect_sketch, pad, [
          drawing,
          ink,
        ]);
      });
    });

    b.add(markdown("## Data: Dataframe"));
    b.row(() => {
      const table = b.add(dataframe({
        label: "Scores",
        headers: ["cats", "dogs"],
        datatype: "number",
        value: [[1, 2], [3, 4]],
      }));
      const totals = b.add(
        dataframe({
          label: "With totals",
          headers: ["cats", "dogs"],
          interactive: false,
        }),
      );
      const sums = b.add(json({ label: "Sums" }));
      b.add(button("Add totals")).click(column_totals, table, [totals, sums]);
    });
  });
