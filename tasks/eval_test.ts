import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

/** Runs `deno task eval` with `args` from the repository root. */
async function evalTask(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "eval", ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}

Deno.test("eval - scores a folder given with --data and prints the metrics table", async () => {
  // The three fixture photos laid out as a data set's real-test split.
  const data = await Deno.makeTempDir();
  try {
    await Deno.symlink(
      new URL("../tests/fixtures/pets", import.meta.url).pathname,
      `${data}/real-test`,
    );
    const { code, stdout, stderr } = await evalTask(
      "--data",
      data,
      "--threads",
      "1",
    );
    assert.equal(code, 0, stderr);
    assert.match(stdout, /3 photos of real-test/);
    const petIou = Number(
      stdout.match(/\| pet IoU \(border ignored\) \| ([\d.]+) \|/)?.[1],
    );
    assert.ok(petIou > 0.8, stdout);
  } finally {
    await Deno.remove(data, { recursive: true });
  }
});

Deno.test("eval - without data it says which command fetches it, without a stack trace", async () => {
  const empty = await Deno.makeTempDir();
  try {
    const { code, stdout, stderr } = await evalTask("--data", empty);
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /deno task data/);
    assert.doesNotMatch(stderr, /\s+at .*:\d+:\d+/);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});
