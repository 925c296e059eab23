import { createWriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';

/** The one help-center article that ships as a PDF, as support teams often keep their policy. */
const TITLE = 'Parcelbird support policy and service levels';
const SECTIONS: Array<[string, string]> = [
  [
    'Support hours',
    'Our support team answers Monday to Friday, 08:00 to 18:00 Central European Time, except public holidays in Germany. Messages sent outside these hours are answered on the next business day.',
  ],
  [
    'Response times',
    'Starter workspaces get a first answer within two business days, Growth within one business day, and Scale within four business hours. Urgent tickets (labels cannot be bought at all) are answered within one hour on every paid plan.',
  ],
  [
    'Service availability',
    "Parcelbird aims for 99.9 % availability of label buying each calendar month. If we miss it, Scale customers receive a credit of 10 % of that month's plan price for every full 0.1 % below the target, up to 50 %. Ask for the credit within 30 days.",
  ],
  [
    'Lost and damaged parcels',
    "Claims are decided by the carrier. We file the claim for you, keep you informed, and pass on the carrier's compensation to your balance within five business days of receiving it.",
  ],
  [
    'Contact',
    "Write from the ? menu in the app, or by email from the address of a workspace member. For account ownership questions we only answer the owner's email address.",
  ],
];

/** Writes the support-policy PDF to `file`. */
export function writeSupportPolicyPdf(file: string): Promise<void> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: TITLE } });
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.once('finish', resolve).once('error', reject);
    pdf.pipe(out);
  });
  pdf.fontSize(18).text(TITLE).moveDown();
  for (const [heading, body] of SECTIONS) {
    pdf.fontSize(13).text(heading).moveDown(0.3);
    pdf.fontSize(11).text(body).moveDown();
  }
  pdf.end();
  return done;
}
