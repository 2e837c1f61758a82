// read.mjs reads WARC files with warcio.js (Webrecorder's reader, which
// shares no code with gowarc) and prints one JSON line per record: where it
// is, its type, the fields a revisit refers by, its HTTP status and, for a
// response, the SHA-1 of its payload in base32 as WARC-Payload-Digest
// spells it. The Go test beside it checks what it prints.
//
//   node read.mjs FILE.warc.gz...
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { WARCParser } from "warcio";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes) {
  let out = "", bits = 0, value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}

for (const file of process.argv.slice(2)) {
  const parser = new WARCParser(createReadStream(file));
  for await (const record of parser) {
    const payload = await record.readFully(true);
    const line = {
      file,
      offset: parser.offset,
      length: parser.recordLength,
      type: record.warcType,
      id: record.warcHeader("WARC-Record-ID"),
      uri: record.warcTargetURI,
      date: record.warcDate,
      profile: record.warcHeader("WARC-Profile") ?? "",
      refersTo: record.warcHeader("WARC-Refers-To") ?? "",
      refersToURI: record.warcRefersToTargetURI ?? "",
      refersToDate: record.warcRefersToDate ?? "",
      payloadDigest: record.warcPayloadDigest ?? "",
      status: Number(record.httpHeaders?.statusCode ?? 0),
    };
    if (record.warcType === "response") {
      line.sha1 = "sha1:" + base32(createHash("sha1").update(payload).digest());
      line.payloadLength = payload.length;
    }
    console.log(JSON.stringify(line));
  }
}
