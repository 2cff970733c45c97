/**
 * The JavaScript a browser needs before the sign-in page shows: the entry chunk, everything it
 * imports statically, and the lazily loaded login page with its own static imports. Measured from
 * Vite's manifest in web/dist, gzip-compressed like the build report does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FirstPageSize {
  files: string[];
  jsBytes: number;
  jsGzipBytes: number;
}

export function firstPageSize(dist: string, loginSource = 'src/app/LoginPage.tsx'): FirstPageSize {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error('no entry in the Vite manifest');
  if (!manifest[loginSource]) throw new Error(`${loginSource} is not a chunk of the build`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  visit(entry);
  visit(loginSource);
  const files = [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  let jsBytes = 0;
  let jsGzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(dist, file));
    jsBytes += content.length;
    jsGzipBytes += gzipSync(content).length;
  }
  return { files, jsBytes, jsGzipBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = firstPageSize(join(process.cwd(), 'web', 'dist'));
  console.log(`first page JavaScript: ${(size.jsGzipBytes / 1024).toFixed(1)} kB gzip (${(size.jsBytes / 1024).toFixed(1)} kB raw) in ${size.files.length} files`);
  for (const f of size.files) console.log(`  ${f}`);
}
