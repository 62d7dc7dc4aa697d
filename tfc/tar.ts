// A gzipped tar (ustar) of one folder, in memory: what Terraform Cloud expects as a configuration
// version. Entries are sorted and carry fixed owners, modes and times, so the same folder always
// gives the same bytes. Only folders and regular files are archived; anything else is refused.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

const BLOCK = 512;

/** The archive of `folder`, its contents at the archive's root. */
export function tarGz(folder: string): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of walk(folder, "")) {
    const full = path.join(folder, entry);
    const stat = fs.lstatSync(full);
    if (stat.isDirectory()) {
      blocks.push(header(`${entry}/`, 0, "5", 0o755));
    } else if (stat.isFile()) {
      const data = fs.readFileSync(full);
      blocks.push(header(entry, data.length, "0", 0o644), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
    } else {
      throw new Error(`${full} is neither a file nor a folder; a configuration version holds only those`);
    }
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return zlib.gzipSync(Buffer.concat(blocks), { level: 9 });
}

function walk(root: string, relative: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(path.join(root, relative)).sort()) {
    const entry = relative ? `${relative}/${name}` : name;
    out.push(entry);
    if (fs.lstatSync(path.join(root, entry)).isDirectory()) out.push(...walk(root, entry));
  }
  return out;
}

/** A ustar header; long names are split into prefix and name at a slash. */
function header(name: string, size: number, type: "0" | "5", mode: number): Buffer {
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", name.length - 2);
    [prefix, base] = [name.slice(0, cut), name.slice(cut + 1)];
    if (cut < 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(base) > 100) throw new Error(`${name}: path too long for a tar archive`);
  }
  const h = Buffer.alloc(BLOCK);
  h.write(base, 0, 100, "utf8");
  h.write(octal(mode, 8), 100);
  h.write(octal(0, 8), 108); // uid
  h.write(octal(0, 8), 116); // gid
  h.write(octal(size, 12), 124);
  h.write(octal(0, 12), 136); // mtime: fixed, for identical archives
  h.fill(" ", 148, 156); // checksum placeholder
  h.write(type, 156);
  h.write("ustar\u000000", 257);
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148);
  return h;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, "0")}\u0000`;
}
