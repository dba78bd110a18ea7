// Reads a JSON list of {tex, display} from stdin and writes the list of their MathML renderings.
// MathML needs no script, style sheet or font at reading time: the handout stays one offline file.
// A formula KaTeX cannot read is an error naming it (exit 2), never a silent hole in a handout.
import { createRequire } from "node:module";

// KaTeX is installed by the build, outside the source tree: GCMSIM_NODE_MODULES names that folder.
const katex = createRequire(`${process.env.GCMSIM_NODE_MODULES}/`)("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const formulas = JSON.parse(input);
  const out = [];
  for (const { tex, display } of formulas) {
    try {
      out.push(katex.renderToString(tex, { output: "mathml", displayMode: display, throwOnError: true }));
    } catch (e) {
      process.stderr.write(`render_math: cannot render ${JSON.stringify(tex)}: ${e.message}\n`);
      process.exit(2);
    }
  }
  process.stdout.write(JSON.stringify(out));
});
