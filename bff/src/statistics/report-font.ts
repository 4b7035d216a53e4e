import fs from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The CJK font the PDF report embeds (subset to the characters used): Noto Sans SC Regular, a
 * TrueType font under the SIL Open Font License 1.1, from the npm package
 * @expo-google-fonts/noto-sans-sc, so it is installed with the BFF's dependencies everywhere
 * (CI included) without any system font. REPORT_FONT_FILE may name another TTF/OTF instead.
 */
const PACKAGED_FONT = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

let cached: Promise<Uint8Array> | null = null;

export function reportFontFile(): string {
  if (process.env.REPORT_FONT_FILE) return process.env.REPORT_FONT_FILE;
  return createRequire(import.meta.url).resolve(PACKAGED_FONT);
}

/** The font's bytes, read once per process; a clear error when the font is not installed. */
export function reportFont(): Promise<Uint8Array> {
  cached ??= (async () => {
    let file: string;
    try {
      file = reportFontFile();
      return new Uint8Array(await fs.readFile(file));
    } catch (err) {
      cached = null;
      throw new Error(
        `the PDF report needs a CJK font: install the BFF's dependencies (${PACKAGED_FONT}) ` +
          `or set REPORT_FONT_FILE (${(err as Error).message})`,
      );
    }
  })();
  return cached;
}
