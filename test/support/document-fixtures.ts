import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';

/** A PDF made by pdfkit: a 20pt title, a 16pt section heading, 11pt body paragraphs. */
export function makePdf(
  sections: Array<{ heading: string; paragraphs: string[] }>,
  title = 'Handbook',
): Promise<Buffer> {
  const pdf = new PDFDocument({ compress: true });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  pdf.fontSize(20).text(title);
  for (const section of sections) {
    pdf.moveDown().fontSize(16).text(section.heading);
    for (const paragraph of section.paragraphs) pdf.moveDown(0.5).fontSize(11).text(paragraph);
  }
  pdf.end();
  return done;
}

/** A DOCX made by the docx package, with real Word heading styles. */
export function makeDocx(title: string, sections: Array<{ heading: string; paragraphs: string[] }>): Promise<Buffer> {
  const children = [new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 })];
  for (const section of sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }));
    for (const text of section.paragraphs) children.push(new Paragraph({ text }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** The part Word writes first: it is what tells a DOCX from any other zip. */
export const DOCX_CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A DOCX-shaped zip whose document.xml inflates to `inflatedBytes` of spaces from a few hundred KB. */
export async function makeZipBomb(inflatedBytes: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', DOCX_CONTENT_TYPES);
  zip.file('word/document.xml', Buffer.alloc(inflatedBytes, 0x20));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Long Markdown: `sections` sections of `paragraphsPerSection` paragraphs of ordinary words. */
export function makeLongMarkdown(sections: number, paragraphsPerSection: number, seed = 'alpha'): string {
  const words = ['ticket', 'customer', 'refund', 'invoice', 'agent', 'priority', 'escalation', 'queue', 'policy', seed];
  const lines: string[] = [];
  for (let s = 0; s < sections; s++) {
    lines.push(`## Section ${s} ${seed}`, '');
    for (let p = 0; p < paragraphsPerSection; p++) {
      const sentence = Array.from({ length: 60 }, (_, w) => words[(s * 7 + p * 3 + w) % words.length]).join(' ');
      lines.push(`${sentence}. Paragraph ${s}-${p} ends here.`, '');
    }
  }
  return lines.join('\n');
}
