/**
 * Real files of every supported format, made in memory for tests and benchmarks: each is what the
 * format's own tools (pdf-lib, docx, exceljs, a ZIP writer) produce, not a hand-typed imitation.
 */
import { existsSync, readFileSync } from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PDFDocument, PDFHexString, rgb } from "pdf-lib";

/** A TrueType font with Hangul, from Debian's fonts-nanum, which test machines and CI install with apt. */
export const KOREAN_FONT_PATH = "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf";

function koreanFont(): Uint8Array {
  if (!existsSync(KOREAN_FONT_PATH)) {
    throw new Error(`Korean test PDFs need ${KOREAN_FONT_PATH}: run "apt-get install -y fonts-nanum".`);
  }
  return readFileSync(KOREAN_FONT_PATH);
}

/** A PDF with one page per entry, each page the given lines of text (Korean and English alike). */
export async function makePdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(koreanFont(), { subset: true });
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 50, y: 790 - i * 18, size: 12, font });
    });
  }
  return pdf.save();
}

/** A PDF whose only page is a picture (a grey rectangle): what a scanner produces, with no text layer. */
export async function makeScannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 495, height: 742, color: rgb(0.8, 0.8, 0.8) });
  return pdf.save();
}

/**
 * A PDF that declares standard encryption with a user password: readers ask for the password before
 * reading anything. (pdf-lib cannot encrypt, but the trailer's /Encrypt entry is what readers act on.)
 */
export async function makePasswordProtectedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]);
  const encrypt = pdf.context.obj({ Filter: "Standard", V: 1, R: 2, O: PDFHexString.of("00".repeat(32)), U: PDFHexString.of("11".repeat(32)), P: -4 });
  pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of("0123456789abcdef"), PDFHexString.of("0123456789abcdef")]);
  return pdf.save();
}

export type DocxPart = { heading: string; level: 1 | 2 | 3 } | { paragraph: string } | { bullets: string[] } | { table: string[][] };

const HEADING_STYLES = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** A Word document of headings (Word's heading styles), paragraphs, bulleted lists and tables (first row the header). */
export async function makeDocx(parts: DocxPart[]): Promise<Uint8Array> {
  const children = parts.flatMap((part): (Paragraph | Table)[] => {
    if ("heading" in part) return [new Paragraph({ text: part.heading, heading: HEADING_STYLES[part.level] })];
    if ("paragraph" in part) return [new Paragraph(part.paragraph)];
    if ("bullets" in part) return part.bullets.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    return [
      new Table({
        rows: part.table.map(
          (cells, i) => new TableRow({ tableHeader: i === 0, children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })) }),
        ),
      }),
    ];
  });
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** Rows of cell values as exceljs takes them: text, numbers, dates, formulas with their cached result. */
export type SheetSpec = { name: string; rows: ExcelJS.CellValue[][] };

/** An Excel workbook with the given worksheets and cell values. */
export async function makeXlsx(sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) workbook.addWorksheet(sheet.name).addRows(sheet.rows);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export type SlideSpec = { title: string; body: string[]; table?: string[][] };

/**
 * A PowerPoint deck: the parts PowerPoint itself needs to list slides and their text. The slide
 * files are numbered in reverse of the presentation order, so a reader that goes by file name
 * rather than by presentation.xml gets the order wrong.
 */
export async function makePptx(slides: SlideSpec[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const files = slides.map((_, i) => `slide${slides.length - i}.xml`);
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>${files
      .map((f) => `<Override PartName="/ppt/slides/${f}" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`)
      .join("")}</Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>`,
  );
  zip.file(
    "ppt/presentation.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:sldIdLst>${files
      .map((_, i) => `<p:sldId id="${256 + i}" r:id="rId${i + 2}"/>`)
      .join("")}</p:sldIdLst></p:presentation>`,
  );
  zip.file(
    "ppt/_rels/presentation.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${files
      .map((f, i) => `<Relationship Id="rId${i + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/${f}"/>`)
      .join("")}</Relationships>`,
  );
  slides.forEach((slide, i) => {
    zip.file(`ppt/slides/${files[i]}`, slideXml(slide));
  });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

function slideXml(slide: SlideSpec): string {
  const paragraphs = (texts: string[]) => texts.map((t) => `<a:p><a:r><a:rPr lang="ko-KR"/><a:t>${escapeXml(t)}</a:t></a:r></a:p>`).join("");
  const shape = (id: number, placeholder: string, texts: string[]) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Shape ${id}"/><p:cNvSpPr/><p:nvPr><p:ph type="${placeholder}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>${paragraphs(texts)}</p:txBody></p:sp>`;
  const table = slide.table
    ? `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Table"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>${slide.table
        .map((row) => `<a:tr h="0">${row.map((cell) => `<a:tc><a:txBody><a:bodyPr/>${paragraphs([cell])}</a:txBody></a:tc>`).join("")}</a:tr>`)
        .join("")}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
    : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shape(2, "title", [slide.title])}${shape(3, "body", slide.body)}${table}</p:spTree></p:cSld></p:sld>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A zip bomb dressed as a Word document: a few kilobytes whose document part inflates to
 * `megabytes` MB of zeros (DEFLATE level 9 packs them about a thousand to one).
 */
export async function makeZipBombDocx(megabytes: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file("word/document.xml", new Uint8Array(megabytes * 1024 * 1024));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/**
 * The zip bomb that lies: a Word document whose directory understates how large its document part
 * inflates (it claims 1 KB), so that checking the declared sizes alone lets it through.
 */
export async function makeUnderstatedZipDocx(megabytes: number): Promise<Uint8Array> {
  const bytes = await makeZipBombDocx(megabytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const actual = megabytes * 1024 * 1024;
  // Local file headers (PK\3\4) keep the uncompressed size at offset 22; central directory headers (PK\1\2) at 24.
  for (let i = 0; i + 30 < bytes.byteLength; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && view.getUint32(i + 22, true) === actual) view.setUint32(i + 22, 1024, true);
    if (signature === 0x02014b50 && view.getUint32(i + 24, true) === actual) view.setUint32(i + 24, 1024, true);
  }
  return bytes;
}

/**
 * Korean text encoded as EUC-KR (CP949), built from the code table because Node's TextEncoder only
 * writes UTF-8. Knows ASCII and the syllables of "안녕하세요 한글 문서" and of the people-import tests
 * ("이메일 이름 역할 그룹 김민수 이지우 개발팀 영업").
 */
const EUC_KR: Record<string, [number, number]> = {
  안: [0xbe, 0xc8],
  녕: [0xb3, 0xe7],
  하: [0xc7, 0xcf],
  세: [0xbc, 0xbc],
  요: [0xbf, 0xe4],
  한: [0xc7, 0xd1],
  글: [0xb1, 0xdb],
  문: [0xb9, 0xae],
  서: [0xbc, 0xad],
  개: [0xb0, 0xb3],
  그: [0xb1, 0xd7],
  김: [0xb1, 0xe8],
  룹: [0xb7, 0xec],
  름: [0xb8, 0xa7],
  메: [0xb8, 0xde],
  민: [0xb9, 0xce],
  발: [0xb9, 0xdf],
  수: [0xbc, 0xf6],
  업: [0xbe, 0xf7],
  역: [0xbf, 0xaa],
  영: [0xbf, 0xb5],
  우: [0xbf, 0xec],
  이: [0xc0, 0xcc],
  일: [0xc0, 0xcf],
  지: [0xc1, 0xf6],
  팀: [0xc6, 0xc0],
  할: [0xc7, 0xd2],
};

export function eucKr(text: string): Uint8Array {
  return new Uint8Array(
    [...text].flatMap((char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x80) return [code];
      const pair = EUC_KR[char];
      if (!pair) throw new Error(`eucKr() has no code for "${char}"`);
      return pair;
    }),
  );
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
