/** Saves the class's CSV export as a file: a Blob behind a temporary <a download>. */

/** Starts the browser's download of `csv` as `filename`. */
export function downloadCsv(filename: string, csv: string): void {
  // the server's text starts with a byte order mark, so spreadsheets read the Chinese names right
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // the download has taken the data by the next tick; keep the URL a little longer to be safe
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
