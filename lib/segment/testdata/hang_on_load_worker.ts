/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
// A worker that never finishes loading the model.
self.onmessage = () => {};
