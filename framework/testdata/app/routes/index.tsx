import { useSignal } from "@preact/signals";
import Counter from "../islands/Counter.tsx";
import { Display } from "../islands/Display.tsx";
import Card from "../islands/Card.tsx";
import { define } from "../utils.ts";

export default define.page(() => {
  const count = useSignal(3);
  return (
    <main>
      <Counter id="a" count={count} />
      <Counter id="b" count={count} />
      <Display
        count={count}
        when={new Date(0)}
        bytes={new Uint8Array([1, 2, 3])}
      />
      <Card title="Card">
        <p class="slot">
          server <b>child</b>
        </p>
      </Card>
    </main>
  );
});
