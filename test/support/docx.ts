/** A Word file as the tests read it: its document XML, its visible text paragraph by paragraph, and its images. */
import JSZip from 'jszip';

export interface DocxContent {
  xml: string;
  /** the text of each paragraph (`<w:t>` runs joined), one paragraph a line */
  text: string;
  media: string[];
}

export async function readDocx(data: Uint8Array | ArrayBuffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(data);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
  return { xml, text, media: Object.keys(zip.files).filter((name) => name.startsWith('word/media/')) };
}
