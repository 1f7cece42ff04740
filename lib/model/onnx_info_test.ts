import assert from "node:assert/strict";
import { OnnxFormatError, readOnnxGraphInfo } from "./onnx_info.ts";
import { DEFAULT_MODEL_DIR } from "./load.ts";

Deno.test("onnx info - the shipped model's graph: input 1×3×224×224 float32, logits 1×3×224×224", async () => {
  const manifest = JSON.parse(
    await Deno.readTextFile(new URL("manifest.json", DEFAULT_MODEL_DIR)),
  );
  const info = readOnnxGraphInfo(
    await Deno.readFile(new URL(manifest.file, DEFAULT_MODEL_DIR)),
  );
  assert.deepEqual(info.inputs, [
    { name: "input", elemType: 1, dims: [1, 3, 224, 224] },
  ]);
  assert.deepEqual(info.outputs, [
    { name: "logits", elemType: 1, dims: [1, 3, 224, 224] },
  ]);
});

Deno.test("onnx info - a hand-made graph: symbolic dims, initializers listed as inputs left out", () => {
  const enc = new TextEncoder();
  const varint = (n: number) => {
    const out: number[] = [];
    do {
      out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      n = Math.floor(n / 128);
    } while (n > 0);
    return out;
  };
  const bytes = (no: number, body: number[]) => [
    ...varint(no * 8 + 2),
    ...varint(body.length),
    ...body,
  ];
  const int = (no: number, v: number) => [...varint(no * 8), ...varint(v)];
  const str = (no: number, s: string) => bytes(no, [...enc.encode(s)]);
  const dim = (d: number | string) =>
    bytes(1, typeof d === "number" ? int(1, d) : str(2, d));
  const value = (name: string, dims: (number | string)[]) => [
    ...str(1, name),
    ...bytes(2, bytes(1, [...int(1, 1), ...bytes(2, dims.flatMap(dim))])),
  ];
  const graph = [
    ...bytes(5, [...int(1, 3), ...str(8, "weight")]),
    ...bytes(11, value("image", ["batch", 3, 64, 64])),
    ...bytes(11, value("weight", [3])),
    ...bytes(12, value("out", ["batch", 2, 64, 64])),
  ];
  const model = new Uint8Array([...int(1, 8), ...bytes(7, graph)]);
  assert.deepEqual(readOnnxGraphInfo(model), {
    inputs: [{ name: "image", elemType: 1, dims: ["batch", 3, 64, 64] }],
    outputs: [{ name: "out", elemType: 1, dims: ["batch", 2, 64, 64] }],
  });
});

Deno.test("onnx info - files that are not ONNX models are refused", () => {
  for (
    const junk of [
      new TextEncoder().encode("this is not a model"),
      new Uint8Array([0x08, 0x08, 0x3a, 0x10, 0x01]), // graph cut short
      new Uint8Array(0),
    ]
  ) {
    assert.throws(() => readOnnxGraphInfo(junk), OnnxFormatError);
  }
});
