import { define } from "../utils.ts";
import { Document } from "../components/Document.tsx";

/** The HTML document around every page. */
export default define.page(function App({ Component }) {
  return (
    <Document>
      <Component />
    </Document>
  );
});
