import { define } from "../utils.ts";

export default define.page(({ Component }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <title>fixture</title>
    </head>
    <body>
      <Component />
    </body>
  </html>
));
