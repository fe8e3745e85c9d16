/** The part of fontkit (a pdfkit dependency, declared in package.json) the PDF records use: a font collection's members. */
declare module 'fontkit' {
  interface FontkitFont {
    postscriptName: string;
  }
  interface FontkitCollection {
    type: 'TTC' | 'DFont';
    fonts: FontkitFont[];
  }
  export function openSync(path: string): FontkitFont | FontkitCollection;
}
