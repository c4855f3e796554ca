/** Saves the class's CSV export as a file. */
import { downloadFile } from '../ui/file-download';

/** Starts the browser's download of `csv` as `filename`. */
export function downloadCsv(filename: string, csv: string): void {
  // the server's text starts with a byte order mark, so spreadsheets read the Chinese names right
  downloadFile(filename, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}
