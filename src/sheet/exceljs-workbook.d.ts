/**
 * exceljs's Workbook module, imported alone (xlsx.ts says why): the same class the package
 * exports as `Workbook`, whose types its index declares.
 */
declare module 'exceljs/lib/doc/workbook.js' {
  import type { Workbook } from 'exceljs';
  const WorkbookClass: new () => Workbook;
  export default WorkbookClass;
}
