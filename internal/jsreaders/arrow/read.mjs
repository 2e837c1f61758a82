// read.mjs reads Arrow IPC files with apache-arrow for JavaScript, an
// implementation that shares no code with arrow-go, and prints what it read
// as one JSON object per file, one per line:
//
//   node read.mjs FILE.arrow[:col,col,...] ...
//
// Each object has the file, its row count, field names, schema metadata,
// how many compressed buffers were decoded, and every value of the
// columns named after the colon (int64 as strings, timestamps as epoch
// milliseconds, lists as arrays). apache-arrow reads compressed IPC
// buffers only through a codec registered for their compression type;
// fzstd is a zstd decoder in plain JavaScript. apache-arrow views each
// decoded buffer in place, and a 64-bit view needs an 8-aligned offset,
// which fzstd's output does not always have: such output is copied.
import { readFileSync } from 'node:fs';
import { tableFromIPC, compressionRegistry, CompressionType } from 'apache-arrow';
import { decompress } from 'fzstd';

let decoded = 0;
compressionRegistry.set(CompressionType.ZSTD, {
  decode(data) {
    decoded++;
    const out = decompress(data);
    return out.byteOffset % 8 === 0 ? out : out.slice();
  },
});

// plain turns a value apache-arrow returns into one JSON can carry: a
// list (a Vector) becomes an array, a map (a MapRow) an object.
function plain(v) {
  if (typeof v === 'bigint') return v.toString();
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'object' && typeof v.toJSON === 'function') {
    const j = v.toJSON();
    if (Array.isArray(j)) return j.map(plain);
    return Object.fromEntries(Object.entries(j).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

for (const arg of process.argv.slice(2)) {
  const at = arg.lastIndexOf(':');
  const [file, cols] = at > 0 ? [arg.slice(0, at), arg.slice(at + 1).split(',').filter(Boolean)] : [arg, []];
  decoded = 0;
  // A small file's Buffer may sit at any offset of Node's shared pool; a
  // copy starts at offset 0, so the file's 8-aligned buffers stay aligned.
  const table = tableFromIPC(new Uint8Array(readFileSync(file)));
  const values = {};
  for (const name of cols) {
    const col = table.getChild(name);
    if (col === null) throw new Error(`${file}: no column ${name}`);
    values[name] = Array.from(col, plain);
  }
  console.log(JSON.stringify({
    file,
    rows: table.numRows,
    batches: table.batches.length,
    fields: table.schema.fields.map((f) => f.name),
    metadata: Object.fromEntries(table.schema.metadata),
    decoded,
    values,
  }));
}
