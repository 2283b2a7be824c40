// Prints what PDF.js, as a browser's PDF viewer, reads of a PDF's
// structure: for each page, its structure tree with each element's role,
// language and alternative text, and the text of its marked content; and
// the document's language, title and links. build's tagged_test.go runs
// it (node structure.mjs FILE.pdf) and compares it with the layout.
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(await readFile(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
const meta = await doc.getMetadata();
const out = {
  lang: meta.info.Language ?? null,
  title: meta.info.Title ?? null,
  displayDocTitle: (await doc.getViewerPreferences())?.DisplayDocTitle ?? null,
  markInfo: await doc.getMarkInfo(),
  pages: [],
};
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  // The text of each marked-content sequence, by its id.
  const content = await page.getTextContent({ includeMarkedContent: true });
  const texts = new Map();
  const open = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      open.push(item.id ?? null);
      if (item.id && !texts.has(item.id)) texts.set(item.id, "");
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (typeof item.str === "string") {
      const id = open.findLast((x) => x !== null);
      if (id) texts.set(id, texts.get(id) + item.str);
    }
  }
  const walk = (node) => {
    if (node.type === "content") return { content: texts.get(node.id) ?? null };
    if (node.type === "annotation") return { annotation: true };
    if (node.type === "object") return { object: true };
    const n = { role: node.role };
    if (node.lang) n.lang = node.lang;
    if (node.alt) n.alt = node.alt;
    n.children = (node.children ?? []).map(walk);
    return n;
  };
  const tree = await page.getStructTree();
  const annotations = (await page.getAnnotations()).map((a) => ({ subtype: a.subtype, url: a.url ?? null, contents: a.contentsObj?.str ?? null }));
  out.pages.push({ tree: tree ? walk(tree) : null, annotations });
}
process.stdout.write(JSON.stringify(out));
