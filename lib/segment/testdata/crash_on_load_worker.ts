/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
// A worker that dies as soon as it is asked to load the model.
self.onmessage = () => {
  setTimeout(() => {
    throw new Error("cannot load");
  });
};
